// Mailgun: the signature travels in the body, not a header: `signature: {timestamp, token,
// signature}` in JSON webhooks (or timestamp, token and signature form fields in the legacy ones).
// signature = hex HMAC-SHA256 of timestamp + token, keyed with the HTTP webhook signing key. The
// event data itself is NOT signed, which the valid reason says: a changed body still verifies.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { mediaType } from './headers.js';
import { utf8Key } from './hmac.js';
import { missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export interface MailgunSignature {
  timestamp: string;
  token: string;
  signature: string;
}

export function readMailgunSignature(body: Buffer, form: boolean): MailgunSignature | null {
  const text = body.toString('utf8');
  let fields: Record<string, unknown> | null = null;
  if (form) {
    fields = Object.fromEntries(new URLSearchParams(text));
  } else {
    try {
      const parsed: unknown = JSON.parse(text);
      const inner = typeof parsed === 'object' && parsed !== null ? (parsed as { signature?: unknown }).signature : null;
      fields = typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : null;
    } catch {
      fields = null;
    }
  }
  if (!fields) return null;
  const { timestamp, token, signature } = fields;
  const asText = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null);
  const [t, k, s] = [asText(timestamp), asText(token), asText(signature)];
  return t !== null && k !== null && s !== null ? { timestamp: t, token: k, signature: s } : null;
}

export function verifyMailgun(input: VerificationInput, config: ConfigOf<'mailgun'>, nowMs: number): Verification {
  const signed = readMailgunSignature(input.body, mediaType(input.headers) === 'application/x-www-form-urlencoded');
  if (!signed) return missing('mailgun', 'No Mailgun signature in the body (signature.timestamp, token and signature).');
  const reading = /^\d+$/.test(signed.timestamp) ? readTimestamp(signed.timestamp, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  const result = runSignatureCheck(
    {
      scheme: 'mailgun',
      algorithm: 'sha256',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: () => [Buffer.from(signed.timestamp + signed.token, 'utf8')],
      signatures: [signed.signature],
      receivedHeader: `signature ${signed.signature}`,
      recipe: 'HMAC-SHA256 of timestamp + token, in the body',
      timestamp: reading,
    },
    input,
  );
  if (result.status !== 'valid') return result;
  return { ...result, reason: `${result.reason} Mailgun signs only the timestamp and token: the event data is not covered.` };
}
