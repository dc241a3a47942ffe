// SendGrid (Twilio) Event Webhook: X-Twilio-Email-Event-Webhook-Signature = base64 DER ECDSA
// P-256/SHA-256 signature of X-Twilio-Email-Event-Webhook-Timestamp + raw body. The secret is the
// verification key SendGrid shows (base64 DER SPKI, or PEM). @sendgrid/eventwebhook is the oracle.
import type { Verification } from '../../contract/index.js';
import { runAsymmetricCheck } from './asymmetric.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { isBase64 } from './hmac.js';
import { readPublicKeys } from './public-key.js';
import { duplicateNote, invalid, missing } from './result.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const SENDGRID_HEADERS = {
  signature: 'X-Twilio-Email-Event-Webhook-Signature',
  timestamp: 'X-Twilio-Email-Event-Webhook-Timestamp',
} as const;

export function verifySendGrid(input: VerificationInput, config: ConfigOf<'sendgrid'>, nowMs: number): Verification {
  const found = findHeader(input.headers, SENDGRID_HEADERS.signature);
  if (!found) return missing('sendgrid', `No ${SENDGRID_HEADERS.signature} header.`);
  const received = { received: found.value };
  const timestamp = findHeader(input.headers, SENDGRID_HEADERS.timestamp);
  if (!timestamp) return invalid('sendgrid', `${found.name} is there but ${SENDGRID_HEADERS.timestamp} is not, and it is signed.`, received);
  const reading = /^\d+$/.test(timestamp.value) ? readTimestamp(timestamp.value, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (!reading) return invalid('sendgrid', `${timestamp.name} is not a Unix timestamp in seconds.`, received);
  if (!isBase64(found.value.trim())) return invalid('sendgrid', `${found.name} is not base64, as SendGrid's signatures are.`, received);
  const read = readPublicKeys(config.secret, 'ec-p256', 'the verification key from Mail Settings → Signed Event Webhook (base64)');
  if (read.problem !== undefined) return invalid('sendgrid', read.problem, received);
  return runAsymmetricCheck(
    {
      scheme: 'sendgrid',
      keys: read.keys,
      digest: 'sha256',
      dsaEncoding: 'der',
      signedContent: (body) => Buffer.concat([Buffer.from(timestamp.value, 'utf8'), body]),
      signatures: [Buffer.from(found.value.trim(), 'base64')],
      receivedHeader: found.value,
      recipe: `ECDSA P-256 SHA-256 of timestamp + body, in ${found.name}`,
      timestamp: reading,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
