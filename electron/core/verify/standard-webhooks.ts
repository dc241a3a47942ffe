// Standard Webhooks (and Svix, which uses the same recipe under svix-* names): HMAC-SHA256 of
// `${id}.${timestamp}.${body}` keyed with base64-decode(secret after `whsec_`); the signature header
// is a space-separated list of `v1,<base64>` so a secret can be rotated without downtime.
import type { HeaderPair, Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { type FoundHeader, findHeader } from './headers.js';
import { duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
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

/** The base64 part of every `v1,<base64>` entry; other versions (v1a, asymmetric) are skipped. */
export function parseSignatureList(value: string): string[] {
  return value
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice(3));
}

export function verifyStandardWebhooks(input: VerificationInput, config: ConfigOf<'standard-webhooks'>, nowMs: number): Verification {
  const scheme = 'standard-webhooks';
  const triple = findTriple(input.headers);
  if (!triple) return missing(scheme, 'No webhook-signature or svix-signature header.');
  const { id, timestamp, signature } = triple;
  const received = { received: signature.value };
  if (!id || !timestamp) return invalid(scheme, `${signature.name} is there but its id or timestamp header is not, and both are signed.`, received);
  const signatures = parseSignatureList(signature.value);
  if (signatures.length === 0) return invalid(scheme, `${signature.name} carries no v1,<base64> signature.`, received);
  const reading = /^\d+$/.test(timestamp.value) ? readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (!reading) return invalid(scheme, `${timestamp.name} is not a Unix timestamp in seconds.`, received);
  if (!decodedWhsecKey(config.secret)) return invalid(scheme, 'The secret is not base64 after whsec_, as Standard Webhooks secrets are.', received);
  return runSignatureCheck(
    {
      scheme,
      algorithm: 'sha256',
      encoding: 'base64',
      secret: config.secret,
      key: decodedWhsecKey,
      signedContent: (body) => [Buffer.concat([Buffer.from(`${id.value}.${timestamp.value}.`), body])],
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
