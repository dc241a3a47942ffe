// Slack: X-Slack-Signature = `v0=` + hex HMAC-SHA256 of `v0:${X-Slack-Request-Timestamp}:${body}`
// keyed with the app's signing secret; requests older than five minutes are refused.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { clip, duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const SLACK_HEADERS = ['X-Slack-Signature', 'X-Slack-Request-Timestamp'] as const;

export function verifySlack(input: VerificationInput, config: ConfigOf<'slack'>, nowMs: number): Verification {
  const found = findHeader(input.headers, 'X-Slack-Signature');
  if (!found) return missing('slack', 'No X-Slack-Signature header.');
  const received = { received: found.value };
  const timestamp = findHeader(input.headers, 'X-Slack-Request-Timestamp');
  if (!timestamp) return invalid('slack', `${found.name} is there but X-Slack-Request-Timestamp is not, and it is signed.`, received);
  if (!found.value.startsWith('v0=')) return invalid('slack', `${found.name} is not a v0= signature: "${clip(found.value, 12)}".`, received);
  const reading = /^\d+$/.test(timestamp.value) ? readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (!reading) return invalid('slack', `${timestamp.name} is not a Unix timestamp in seconds.`, received);
  return runSignatureCheck(
    {
      scheme: 'slack',
      algorithm: 'sha256',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [Buffer.concat([Buffer.from(`v0:${timestamp.value}:`), body])],
      signatures: [found.value.slice(3).trim()],
      receivedHeader: found.value,
      formatExpected: (signature) => `v0=${signature}`,
      recipe: `HMAC-SHA256 of "v0:timestamp:body", in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
