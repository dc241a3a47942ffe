// Naming the likely cause of a signature mismatch. Runs only after the real check has failed and
// only ever produces a reason: an alternative that matches (another encoding, a trimmed secret, a
// re-serialized body) explains the failure, it never turns the delivery valid. Hookscope stores the
// exact bytes received, so a match on a re-encoded body means the sender signed other bytes than
// it sent (or something on the way rewrote them), never that Hookscope changed them.
import { type Encoding, decodeSignature, findMatch, hmac, otherEncoding } from './hmac.js';
import type { SignatureCheck, Variant } from './signature-check.js';
import { stringifyBounded } from '../untrusted/bounded-json.js';

type Step = (check: SignatureCheck, key: Buffer, body: Buffer) => string | null;

const steps: Step[] = [encodingSwapped, secretWhitespace, senderSecretWhitespace, otherKeyReading, bodyReencoded, otherContent];

export function diagnoseMismatch(check: SignatureCheck, key: Buffer, body: Buffer): string {
  for (const step of steps) {
    const cause = step(check, key, body);
    if (cause !== null) return cause;
  }
  return nothingMatches(check);
}

function matches(check: SignatureCheck, key: Buffer | null, contents: Buffer[], encoding: Encoding = check.encoding): boolean {
  if (key === null) return false;
  const expected = contents.map((content) => (check.mac ?? hmac)(check.algorithm, key, content));
  return findMatch(expected, check.signatures.map((signature) => decodeSignature(signature, encoding))) >= 0;
}

function encodingSwapped(check: SignatureCheck, key: Buffer, body: Buffer): string | null {
  const other = otherEncoding(check.encoding);
  if (!matches(check, key, check.signedContent(body), other)) return null;
  return `The signature is the right HMAC but ${other}-encoded, and this scheme expects ${check.encoding}: the sender encodes its digest differently.`;
}

function secretWhitespace(check: SignatureCheck, _key: Buffer, body: Buffer): string | null {
  const trimmed = check.secret.trim();
  if (trimmed === check.secret || !matches(check, check.key(trimmed), check.signedContent(body))) return null;
  const where = /\r?\n$/.test(check.secret) ? 'a newline at its end' : 'whitespace at its start or end';
  return `The signature matches once the secret is trimmed: the secret set here has ${where}, probably from copying it; remove it.`;
}

/** What a copied secret often brings along at its end (a file read whole, `echo` into a variable, a paste). */
const copiedEndings: ReadonlyArray<[suffix: string, what: string]> = [
  ['\n', 'a newline'],
  ['\r\n', 'a Windows line break (\\r\\n)'],
  [' ', 'a space'],
];

/**
 * The mirror of secretWhitespace: the secret here is clean, the sender's copy is not. Only where
 * the ending changes the key: schemes that decode their secret (base64, hex) mostly drop it, and
 * then the sender's signature is valid anyway.
 */
function senderSecretWhitespace(check: SignatureCheck, key: Buffer, body: Buffer): string | null {
  for (const [suffix, what] of copiedEndings) {
    const senderKey = check.key(check.secret + suffix);
    if (senderKey === null || senderKey.equals(key) || !matches(check, senderKey, check.signedContent(body))) continue;
    return `The signature matches the secret with ${what} added at its end: the sender's copy of the secret has a trailing ${what.replace(/^an? /, '')}, probably from reading it from a file or pasting it; remove it on the sender's side (the secret set here is right).`;
  }
  return null;
}

function otherKeyReading(check: SignatureCheck, _key: Buffer, body: Buffer): string | null {
  const found = (check.keyVariants ?? []).find((variant) => matches(check, variant.value(check.secret), check.signedContent(body)));
  return found?.cause ?? null;
}

function bodyReencoded(check: SignatureCheck, key: Buffer, body: Buffer): string | null {
  const found = bodyVariants(body).find((variant) => matches(check, key, check.signedContent(variant.value)));
  return found?.cause ?? null;
}

function otherContent(check: SignatureCheck, key: Buffer, body: Buffer): string | null {
  const found = (check.contentVariants ?? []).find((variant) => matches(check, key, variant.value(body)));
  return found?.cause ?? null;
}

function nothingMatches(check: SignatureCheck): string {
  const decodable = check.signatures.some((signature) => decodeSignature(signature, check.encoding) !== null);
  if (!decodable) {
    return `The signature is not valid ${check.encoding}, the encoding this scheme uses, and no other reading of it matches: the sender likely uses another scheme or another secret.`;
  }
  return 'No reading matches (not another encoding, a trimmed secret or a re-serialized body): the secret is most likely wrong, or the body was changed after it was signed.';
}

export interface BodyForm {
  value: Buffer;
  /** "re-serialized as compact JSON (JSON.stringify)" */
  description: string;
  /** What that tells about the sender or the path. */
  meaning: string;
}

const reserialized = 'the sender signed a different serialization than it sent, or something on the way re-encoded the body after signing';

/**
 * Bodies a sender or a proxy commonly signs instead of the bytes sent; never the received bytes.
 * The smallest change comes first: a pretty-printed body with a newline added also equals its own
 * re-serialization, but the newline is the simpler explanation.
 */
export function bodyForms(body: Buffer): BodyForm[] {
  const forms: BodyForm[] = [];
  const unterminated = body.toString('latin1').replace(/\r?\n$/, '');
  if (unterminated.length < body.length) {
    const meaning = 'a newline was added after the body was signed';
    forms.push({ value: Buffer.from(unterminated, 'latin1'), description: 'without its final newline', meaning });
  }
  const json = parseJson(body);
  const compactText = json === undefined ? undefined : stringifyBounded(json);
  if (json !== undefined && compactText !== undefined) {
    const compact = Buffer.from(compactText);
    const pretty = Buffer.from(JSON.stringify(json, null, 2));
    forms.push({ value: compact, description: 're-serialized as compact JSON (JSON.stringify)', meaning: reserialized });
    forms.push({ value: pretty, description: 're-serialized as 2-space indented JSON', meaning: reserialized });
  }
  return forms.filter((form) => !form.value.equals(body));
}

export function bodyVariants(body: Buffer): Array<Variant<Buffer>> {
  return bodyForms(body).map((form) => ({
    value: form.value,
    cause: `The signature matches the body ${form.description}, not the bytes received: ${form.meaning}.`,
  }));
}

/** An object or array parsed from UTF-8 JSON, or undefined. */
function parseJson(body: Buffer): unknown {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    return typeof parsed === 'object' && parsed !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}

