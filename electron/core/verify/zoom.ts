// Zoom: x-zm-signature = `v0=` + hex HMAC-SHA256 of `v0:${x-zm-request-timestamp}:${body}`, keyed
// with the app's secret token (the same token answers the endpoint.url_validation handshake).
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { stripPrefix, utf8Key } from './hmac.js';
import { duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const ZOOM_HEADERS = { signature: 'x-zm-signature', timestamp: 'x-zm-request-timestamp' } as const;

export function zoomContent(timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`v0:${timestamp}:`), body]);
}

export function verifyZoom(input: VerificationInput, config: ConfigOf<'zoom'>, nowMs: number): Verification {
  const found = findHeader(input.headers, ZOOM_HEADERS.signature);
  if (!found) return missing('zoom', `No ${ZOOM_HEADERS.signature} header.`);
  const received = { received: found.value };
  const timestamp = findHeader(input.headers, ZOOM_HEADERS.timestamp);
  if (!timestamp) return invalid('zoom', `${found.name} is there but ${ZOOM_HEADERS.timestamp} is not, and it is signed.`, received);
  const reading = /^\d+$/.test(timestamp.value) ? readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (!reading) return invalid('zoom', `${timestamp.name} is not a Unix timestamp.`, received);
  return runSignatureCheck(
    {
      scheme: 'zoom',
      algorithm: 'sha256',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [zoomContent(timestamp.value, body)],
      signatures: [stripPrefix(found.value.trim(), 'v0=')],
      receivedHeader: found.value,
      formatExpected: (signature) => `v0=${signature}`,
      recipe: `HMAC-SHA256 of "v0:timestamp:body", in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
