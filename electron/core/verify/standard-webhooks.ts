// Standard Webhooks (and Svix, which uses the same recipe under svix-* names): HMAC-SHA256 of
// `${id}.${timestamp}.${body}` keyed with base64-decode(secret after `whsec_`); the signature header
// is a space-separated list of `v1,<base64>` so a secret can be rotated without downtime.
// v1a entries are Ed25519 signatures of the same content (the spec's asymmetric variant): with a
// `whpk_` public key (or a PEM) as the secret, those are checked instead; a list may mix both.
import type { HeaderPair, Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { type FoundHeader, findHeader } from './headers.js';
import { runAsymmetricCheck } from './asymmetric.js';
import { readPublicKeys } from './public-key.js';
import { duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp, type TimestampReading } from './timestamp.js';
import type { VerificationInput } from './types.js';
import { decodedWhsecKey, literalWhsecKey } from './whsec.js';

export const STANDARD_WEBHOOKS_PREFIXES = ['webhook', 'svix'] as const;

interface Triple {
  id: FoundHeader | null;
  timestamp: FoundHeader | null;
  signature: FoundHeader;
}

/** The unbranded webhook-* headers win when both sets are present. */
function findTriple(headers: HeaderPair[]): Triple | null {
  for (const prefix of STANDARD_WEBHOOKS_PREFIXES) {
    const signature = findHeader(headers, `${prefix}-signature`);
    if (signature) return { signature, id: findHeader(headers, `${prefix}-id`), timestamp: findHeader(headers, `${prefix}-timestamp`) };
  }
  return null;
}

/** The base64 part of every `<version>,<base64>` entry of one version (v1: HMAC, v1a: Ed25519). */
export function parseSignatureList(value: string, version: 'v1' | 'v1a' = 'v1'): string[] {
  return value
    .split(' ')
    .filter((entry) => entry.startsWith(`${version},`))
    .map((entry) => entry.slice(version.length + 1));
}

/** A public key rather than a whsec_ secret: the v1a (Ed25519) checks apply. */
export function isPublicKeySecret(secret: string): boolean {
  const text = secret.trim();
  return text.startsWith('whpk_') || text.startsWith('-----BEGIN');
}

export function verifyStandardWebhooks(input: VerificationInput, config: ConfigOf<'standard-webhooks'>, nowMs: number): Verification {
  const scheme = 'standard-webhooks';
  const triple = findTriple(input.headers);
  if (!triple) return missing(scheme, 'No webhook-signature or svix-signature header.');
  const { id, timestamp, signature } = triple;
  const received = { received: signature.value };
  if (!id || !timestamp) return invalid(scheme, `${signature.name} is there but its id or timestamp header is not, and both are signed.`, received);
  const reading = /^\d+$/.test(timestamp.value) ? readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (!reading) return invalid(scheme, `${timestamp.name} is not a Unix timestamp in seconds.`, received);
  const content = (body: Buffer) => Buffer.concat([Buffer.from(`${id.value}.${timestamp.value}.`), body]);
  if (isPublicKeySecret(config.secret)) return verifyV1a(input, config.secret, { signature, reading, content });
  const signatures = parseSignatureList(signature.value);
  if (signatures.length === 0) {
    const onlyV1a = parseSignatureList(signature.value, 'v1a').length > 0;
    const reason = onlyV1a
      ? `${signature.name} carries only v1a (Ed25519) signatures: set the sender's whpk_ public key as the secret, not a whsec_ secret.`
      : `${signature.name} carries no v1,<base64> signature.`;
    return invalid(scheme, reason, received);
  }
  if (!decodedWhsecKey(config.secret)) return invalid(scheme, 'The secret is not base64 after whsec_, as Standard Webhooks secrets are.', received);
  return runSignatureCheck(
    {
      scheme,
      algorithm: 'sha256',
      encoding: 'base64',
      secret: config.secret,
      key: decodedWhsecKey,
      signedContent: (body) => [content(body)],
      signatures,
      receivedHeader: signature.value,
      formatExpected: (expected) => `v1,${expected}`,
      recipe: `HMAC-SHA256 of "id.timestamp.body" keyed with the base64-decoded secret, in ${signature.name}`,
      timestamp: reading,
      keyVariants: [
        {
          value: literalWhsecKey,
          cause:
            'The signature matches when the whole whsec_ string is used literally as the key, the way Stripe does; Standard Webhooks base64-decodes the part after whsec_, so the sender is not signing the standard way.',
        },
      ],
      note: duplicateNote(signature.name, signature.count),
    },
    input,
  );
}

interface V1aParts {
  signature: FoundHeader;
  reading: TimestampReading;
  content: (body: Buffer) => Buffer;
}

/** v1a: Ed25519 over the same "id.timestamp.body", checked with the whpk_ public key. */
function verifyV1a(input: VerificationInput, secret: string, parts: V1aParts): Verification {
  const scheme = 'standard-webhooks';
  const { signature } = parts;
  const received = { received: signature.value };
  const signatures = parseSignatureList(signature.value, 'v1a');
  if (signatures.length === 0) {
    const reason = `${signature.name} carries no v1a,<base64> (Ed25519) signature, and the key set here is a public key; for v1 (HMAC) signatures set the whsec_ secret.`;
    return invalid(scheme, reason, received);
  }
  const read = readPublicKeys(secret, 'ed25519', 'the sender\'s whpk_ public key');
  if (read.problem !== undefined) return invalid(scheme, read.problem, received);
  return runAsymmetricCheck(
    {
      scheme,
      keys: read.keys,
      digest: null,
      signedContent: parts.content,
      signatures: signatures.map((entry) => Buffer.from(entry, 'base64')),
      receivedHeader: signature.value,
      recipe: `Ed25519 (v1a) of "id.timestamp.body", in ${signature.name}`,
      timestamp: parts.reading,
      note: duplicateNote(signature.name, signature.count),
    },
    input,
  );
}
