// Paddle Billing: Paddle-Signature = `ts=<unix>;h1=<hex>` (several h1 while a secret rotates),
// h1 = HMAC-SHA256 of `${ts}:${body}` keyed with the notification destination's secret key.
// Paddle's SDK allows only 5 s of skew; the default here is the common 300 s, since a delivery is
// verified on arrival and again later against its arrival time, not the wall clock.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const PADDLE_HEADER = 'Paddle-Signature';

export function parsePaddleHeader(value: string): { ts: string | null; h1: string[] } {
  const parsed = { ts: null as string | null, h1: [] as string[] };
  for (const part of value.split(';')) {
    const [key = '', text = ''] = part.split('=', 2).map((piece) => piece.trim());
    if (key === 'ts' && text) parsed.ts ??= text;
    if (key === 'h1' && text) parsed.h1.push(text);
  }
  return parsed;
}

export function verifyPaddle(input: VerificationInput, config: ConfigOf<'paddle'>, nowMs: number): Verification {
  const found = findHeader(input.headers, PADDLE_HEADER);
  if (!found) return missing('paddle', `No ${PADDLE_HEADER} header.`);
  const received = { received: found.value };
  const { ts, h1 } = parsePaddleHeader(found.value);
  if (h1.length === 0) return invalid('paddle', `${found.name} carries no h1= signature.`, received);
  const reading = ts !== null && /^\d+$/.test(ts) ? readTimestamp(ts, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (ts === null || !reading) return invalid('paddle', `${found.name} has no ts= Unix timestamp, which is part of what Paddle signs.`, received);
  return runSignatureCheck(
    {
      scheme: 'paddle',
      algorithm: 'sha256',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [Buffer.concat([Buffer.from(`${ts}:`), body])],
      signatures: h1,
      receivedHeader: found.value,
      formatExpected: (signature) => `ts=${ts};h1=${signature}`,
      recipe: `HMAC-SHA256 of "ts:body", in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
