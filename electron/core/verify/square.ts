// Square: x-square-hmacsha256-signature = base64 HMAC-SHA256 of notification URL + raw body, keyed
// with the subscription's signature key (the legacy x-square-signature is the same with SHA-1).
// The URL is the one Square was given: the endpoint's public URL (tunnel), joined with the path.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck, type SignedContent } from './signature-check.js';
import { calledUrl } from './twilio.js';
import type { VerificationInput } from './types.js';

export const SQUARE_HEADERS = ['x-square-hmacsha256-signature', 'x-square-signature'] as const;

export function squareContent(url: string): SignedContent {
  return (body) => [Buffer.concat([Buffer.from(url, 'utf8'), body])];
}

export function verifySquare(input: VerificationInput, config: ConfigOf<'square'>, _nowMs: number): Verification {
  const sha256 = findHeader(input.headers, SQUARE_HEADERS[0]);
  const found = sha256 ?? findHeader(input.headers, SQUARE_HEADERS[1]);
  if (!found) return missing('square', `No ${SQUARE_HEADERS[0]} header.`);
  const target = calledUrl(input);
  if (!target) return invalid('square', 'No public URL is set and the request has no Host header: Square signs the notification URL, so there is nothing to check against.', { received: found.value });
  const swapped = target.url.startsWith('https://') ? `http://${target.url.slice(8)}` : target.url.replace(/^http:\/\//, 'https://');
  const result = runSignatureCheck(
    {
      scheme: 'square',
      algorithm: sha256 ? 'sha256' : 'sha1',
      encoding: 'base64',
      secret: config.secret,
      key: utf8Key,
      signedContent: squareContent(target.url),
      signatures: [found.value.trim()],
      receivedHeader: found.value,
      recipe: `base64 HMAC-${sha256 ? 'SHA256' : 'SHA1'} of the notification URL (${target.url}) + body, in ${found.name}`,
      contentVariants: [{ value: squareContent(swapped), cause: `The signature matches ${swapped}: the notification URL registered with Square differs from the public URL set here by its scheme.` }],
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
  return target.fromHost ? { ...result, reason: `${result.reason} No public URL is set, so the URL was rebuilt from the Host header as ${target.url}.` } : result;
}
