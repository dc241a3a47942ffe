// Zendesk webhooks: X-Zendesk-Webhook-Signature = base64 HMAC-SHA256 of
// X-Zendesk-Webhook-Signature-Timestamp (ISO 8601) + raw body, keyed with the webhook's signing secret.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { clip, duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const ZENDESK_HEADERS = { signature: 'X-Zendesk-Webhook-Signature', timestamp: 'X-Zendesk-Webhook-Signature-Timestamp' } as const;

export function verifyZendesk(input: VerificationInput, config: ConfigOf<'zendesk'>, nowMs: number): Verification {
  const found = findHeader(input.headers, ZENDESK_HEADERS.signature);
  if (!found) return missing('zendesk', `No ${ZENDESK_HEADERS.signature} header.`);
  const received = { received: found.value };
  const timestamp = findHeader(input.headers, ZENDESK_HEADERS.timestamp);
  if (!timestamp) return invalid('zendesk', `${found.name} is there but ${ZENDESK_HEADERS.timestamp} is not, and it is signed.`, received);
  const reading = readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
  if (!reading) return invalid('zendesk', `${timestamp.name} is not a timestamp: "${clip(timestamp.value, 40)}".`, received);
  return runSignatureCheck(
    {
      scheme: 'zendesk',
      algorithm: 'sha256',
      encoding: 'base64',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [Buffer.concat([Buffer.from(timestamp.value, 'utf8'), body])],
      signatures: [found.value.trim()],
      receivedHeader: found.value,
      recipe: `base64 HMAC-SHA256 of timestamp + body, in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
