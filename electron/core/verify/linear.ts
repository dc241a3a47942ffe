// Linear: Linear-Signature = hex HMAC-SHA256 of the raw body, keyed with the webhook's signing
// secret. The time is inside the signed body (webhookTimestamp, Unix ms); Linear's SDK refuses a
// delivery more than a minute old, the default tolerance here too.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { duplicateNote, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { readTimestamp, type TimestampReading } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const LINEAR_HEADER = 'Linear-Signature';
export const LINEAR_TOLERANCE_SECONDS = 60;

export function verifyLinear(input: VerificationInput, config: ConfigOf<'linear'>, nowMs: number): Verification {
  const found = findHeader(input.headers, LINEAR_HEADER);
  if (!found) return missing('linear', `No ${LINEAR_HEADER} header.`);
  const reading = bodyTimestamp(input.body, nowMs, config.toleranceSeconds ?? LINEAR_TOLERANCE_SECONDS);
  const result = runSignatureCheck(
    {
      scheme: 'linear',
      algorithm: 'sha256',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [body],
      signatures: [found.value.trim()],
      receivedHeader: found.value,
      recipe: `HMAC-SHA256 of the raw body (webhookTimestamp inside it), in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
  if (reading || result.status !== 'valid') return result;
  return { ...result, reason: `${result.reason} The body has no webhookTimestamp, so its age was not checked.` };
}

/** webhookTimestamp (ms) from the JSON body; null when absent or not a number. */
function bodyTimestamp(body: Buffer, nowMs: number, toleranceSeconds: number): TimestampReading | null {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    const value = typeof parsed === 'object' && parsed !== null ? (parsed as { webhookTimestamp?: unknown }).webhookTimestamp : undefined;
    return typeof value === 'number' && Number.isFinite(value) ? readTimestamp(String(Math.trunc(value)).padStart(13, '0'), nowMs, toleranceSeconds) : null;
  } catch {
    return null;
  }
}
