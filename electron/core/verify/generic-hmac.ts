// The generic HMAC recipe: a header carrying an HMAC of a template over the body and a few request
// fields. The request is untrusted input; the template, header names and key encoding come from the
// user's own (schema-checked) settings.
import type { Verification } from '../../contract/index.js';
import type { HmacConfig } from './config.js';
import { findHeader, type FoundHeader } from './headers.js';
import { isBase64, isHex, stripPrefix } from './hmac.js';
import { clip, duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck, type KeyReading, type SignatureCheck, type Variant } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp, type TimestampReading } from './timestamp.js';
import { calledUrl } from './twilio.js';
import type { VerificationInput } from './types.js';

type KeyEncoding = NonNullable<HmacConfig['keyEncoding']>;
type Fields = { timestamp: string; id: string; method: string; url: string; publicUrl: string };

export function verifyHmac(input: VerificationInput, config: HmacConfig, nowMs: number, scheme = 'hmac'): Verification {
  const found = findHeader(input.headers, config.header);
  if (!found) return missing(scheme, `No ${config.header} header.`);
  const timestamp = readHeaderField(input, config.timestampHeader);
  const id = readHeaderField(input, config.idHeader);
  if (timestamp === null || id === null) {
    const absent = timestamp === null ? config.timestampHeader : config.idHeader;
    return invalid(scheme, `${found.name} is there but ${absent} is not, so the signed content cannot be rebuilt.`, { received: found.value });
  }
  let reading: TimestampReading | null = null;
  if (config.timestampHeader) {
    reading = readTimestamp(timestamp, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
    if (!reading) return invalid(scheme, `${config.timestampHeader} is not a timestamp: "${clip(timestamp, 40)}".`, { received: found.value });
  }
  const publicUrl = config.template?.includes('{publicUrl}') ? calledUrl(input) : null;
  if (config.template?.includes('{publicUrl}') && !publicUrl) {
    return invalid(scheme, 'The template signs {publicUrl}, but no public URL is set and the request has no Host header to rebuild it from.', { received: found.value });
  }
  const fields: Fields = { timestamp, id, method: input.method, url: input.url, publicUrl: publicUrl?.url ?? '' };
  return runSignatureCheck(signatureCheck(config, scheme, found, fields, reading), input);
}

function signatureCheck(config: HmacConfig, scheme: string, found: FoundHeader, fields: Fields, reading: TimestampReading | null): SignatureCheck {
  const keyEncoding = config.keyEncoding ?? 'utf8';
  const template = config.template ?? '{body}';
  return {
    scheme,
    algorithm: config.algorithm,
    encoding: config.encoding,
    secret: config.secret,
    key: keyReading(keyEncoding),
    signedContent: (body: Buffer) => [fillTemplate(template, fields, body)],
    signatures: [stripPrefix(found.value.trim(), config.prefix ?? '')],
    receivedHeader: found.value,
    formatExpected: (signature: string) => `${config.prefix ?? ''}${signature}`,
    recipe: `HMAC-${config.algorithm.toUpperCase()} (${config.encoding}) of ${template === '{body}' ? 'the raw body' : `"${template}"`} in ${found.name}`,
    timestamp: reading,
    keyVariants: otherKeyEncodings(keyEncoding),
    note: duplicateNote(found.name, found.count),
  };
}

/** The header's value; "" when no header is configured; null when configured but absent. */
function readHeaderField(input: VerificationInput, name: string | undefined): string | null {
  if (!name) return '';
  return findHeader(input.headers, name)?.value ?? null;
}

function keyReading(encoding: KeyEncoding): KeyReading {
  return (secret) => {
    if (encoding === 'hex' && !isHex(secret)) return null;
    if (encoding === 'base64' && !isBase64(secret)) return null;
    return Buffer.from(secret, encoding);
  };
}

function otherKeyEncodings(current: KeyEncoding): Array<Variant<KeyReading>> {
  const all: KeyEncoding[] = ['utf8', 'base64', 'hex'];
  return all
    .filter((encoding) => encoding !== current)
    .map((encoding) => ({
      value: keyReading(encoding),
      cause: `The signature matches when the secret is read as ${encoding} rather than ${current}: set keyEncoding to ${encoding}.`,
    }));
}

/** The body goes in as raw bytes; the other fields as UTF-8 text. */
export function fillTemplate(template: string, fields: Fields, body: Buffer): Buffer {
  const parts = template.split(/\{(body|timestamp|id|method|url|publicUrl)\}/);
  return Buffer.concat(
    parts.map((part, index) => {
      if (index % 2 === 0) return Buffer.from(part, 'utf8');
      return part === 'body' ? body : Buffer.from(fields[part as keyof Fields], 'utf8');
    }),
  );
}
