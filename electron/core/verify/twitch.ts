// Twitch EventSub: Twitch-Eventsub-Message-Signature = `sha256=` + hex HMAC-SHA256 of message id +
// timestamp (RFC 3339 with nanoseconds, used exactly as sent) + raw body, keyed with the secret
// given when subscribing. Twitch tells receivers to refuse messages older than ten minutes.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { stripPrefix, utf8Key } from './hmac.js';
import { clip, duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const TWITCH_HEADERS = {
  signature: 'Twitch-Eventsub-Message-Signature',
  id: 'Twitch-Eventsub-Message-Id',
  timestamp: 'Twitch-Eventsub-Message-Timestamp',
} as const;

export const TWITCH_TOLERANCE_SECONDS = 600;

export function twitchContent(id: string, timestamp: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(id + timestamp, 'utf8'), body]);
}

export function verifyTwitch(input: VerificationInput, config: ConfigOf<'twitch'>, nowMs: number): Verification {
  const found = findHeader(input.headers, TWITCH_HEADERS.signature);
  if (!found) return missing('twitch', `No ${TWITCH_HEADERS.signature} header.`);
  const received = { received: found.value };
  const id = findHeader(input.headers, TWITCH_HEADERS.id);
  const timestamp = findHeader(input.headers, TWITCH_HEADERS.timestamp);
  if (!id || !timestamp) return invalid('twitch', `${found.name} is there but its message id or timestamp header is not, and both are signed.`, received);
  const reading = readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? TWITCH_TOLERANCE_SECONDS);
  if (!reading) return invalid('twitch', `${timestamp.name} is not an RFC 3339 timestamp: "${clip(timestamp.value, 40)}".`, received);
  return runSignatureCheck(
    {
      scheme: 'twitch',
      algorithm: 'sha256',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [twitchContent(id.value, timestamp.value, body)],
      signatures: [stripPrefix(found.value.trim(), 'sha256=')],
      receivedHeader: found.value,
      formatExpected: (signature) => `sha256=${signature}`,
      recipe: `HMAC-SHA256 of message id + timestamp + body, in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
