// Adobe I/O Events: two RSA-SHA256 signatures of the raw body, x-adobe-digital-signature-1 and -2,
// made with two keys whose public halves sit at x-adobe-public-key1-path and -2-path under
// https://static.adobeioevents.com; Adobe rotates them one at a time, so either verifying is
// enough (Adobe's own SDK does the same). The secret is the public key(s) as PEM, or `fetch`.
import type { KeyObject } from 'node:crypto';
import type { Verification } from '../../contract/index.js';
import { runAsymmetricCheck } from './asymmetric.js';
import { certificateKeys, FETCH_SECRET } from './certificates.js';
import type { ConfigOf } from './config.js';
import { findHeader, type FoundHeader } from './headers.js';
import { clip, invalid, missing } from './result.js';
import type { VerificationInput } from './types.js';

export const ADOBE_KEY_HOST = 'https://static.adobeioevents.com';
export const ADOBE_HEADERS = [
  { signature: 'x-adobe-digital-signature-1', keyPath: 'x-adobe-public-key1-path' },
  { signature: 'x-adobe-digital-signature-2', keyPath: 'x-adobe-public-key2-path' },
] as const;

interface Pair {
  signature: FoundHeader;
  keyUrl: string | null;
}

export function verifyAdobeIo(input: VerificationInput, config: ConfigOf<'adobe-io'>, _nowMs: number): Verification {
  const pairs: Pair[] = ADOBE_HEADERS.flatMap((names) => {
    const signature = findHeader(input.headers, names.signature);
    const path = findHeader(input.headers, names.keyPath)?.value.trim();
    return signature ? [{ signature, keyUrl: path ? `${ADOBE_KEY_HOST}${path.startsWith('/') ? '' : '/'}${path}` : null }] : [];
  });
  if (pairs.length === 0) return missing('adobe-io', 'No x-adobe-digital-signature-1 or -2 header.');
  const received = pairs.map((pair) => `${pair.signature.name}: ${clip(pair.signature.value, 40)}`).join('; ');
  const keys = config.secret.trim().toLowerCase() === FETCH_SECRET ? fetchedKeys(pairs, config.secret, input, received) : pastedKeys(pairs, config.secret, input, received);
  if ('verdict' in keys) return keys.verdict;
  return runAsymmetricCheck(
    {
      scheme: 'adobe-io',
      keys: keys.keys,
      digest: 'sha256',
      signedContent: (body) => body,
      signatures: keys.signatures,
      receivedHeader: received,
      recipe: 'RSA-SHA256 of the raw body, in x-adobe-digital-signature-1 or -2',
    },
    input,
  );
}

type Keys = { keys: KeyObject[]; signatures: Buffer[] } | { verdict: Verification };

function pastedKeys(pairs: Pair[], secret: string, input: VerificationInput, received: string): Keys {
  // Pasted keys are not tied to a path: any key may match either signature. The URL check still
  // runs, so a request naming a key outside Adobe's host is refused as the fetch path would be.
  const source = certificateKeys('adobe-io', secret, input, pairs[0]?.keyUrl ?? `${ADOBE_KEY_HOST}/`, received);
  if (source.verdict) return { verdict: source.verdict };
  return { keys: source.keys, signatures: pairs.map((pair) => Buffer.from(pair.signature.value.trim(), 'base64')) };
}

/** Each signature with the key fetched for its own path; any one pair is enough. */
function fetchedKeys(pairs: Pair[], secret: string, input: VerificationInput, received: string): Keys {
  let pending: Verification | null = null;
  for (const pair of pairs) {
    if (!pair.keyUrl) continue;
    const source = certificateKeys('adobe-io', secret, input, pair.keyUrl, received);
    if (source.keys) return { keys: source.keys, signatures: [Buffer.from(pair.signature.value.trim(), 'base64')] };
    if (source.verdict.status === 'invalid') return { verdict: source.verdict };
    pending ??= source.verdict;
  }
  return { verdict: pending ?? invalid('adobe-io', 'The request carries no x-adobe-public-key1-path or -2-path, so there is no key to fetch.', { received }) };
}
