// PayPal: PAYPAL-TRANSMISSION-SIG = base64 RSA signature (PAYPAL-AUTH-ALGO, SHA256withRSA) of
// `${transmission id}|${transmission time}|${webhook id}|${CRC32 of the raw body, unsigned decimal}`,
// by the certificate at PAYPAL-CERT-URL (PayPal's "verify webhook signature" recipe). The webhook
// id is the user's (PayPal's dashboard shows it), so it is an option; the key comes from certificates.ts.
import { crc32 } from 'node:zlib';
import type { Verification } from '../../contract/index.js';
import { runAsymmetricCheck } from './asymmetric.js';
import { certificateKeys } from './certificates.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { clip, duplicateNote, invalid, missing } from './result.js';
import { readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';

export const PAYPAL_HEADERS = {
  signature: 'PAYPAL-TRANSMISSION-SIG',
  id: 'PAYPAL-TRANSMISSION-ID',
  time: 'PAYPAL-TRANSMISSION-TIME',
  certUrl: 'PAYPAL-CERT-URL',
  algorithm: 'PAYPAL-AUTH-ALGO',
} as const;

const DIGESTS: Record<string, 'sha1' | 'sha256'> = { sha256withrsa: 'sha256', sha1withrsa: 'sha1' };

export function paypalSignedString(id: string, time: string, webhookId: string, body: Buffer): Buffer {
  return Buffer.from(`${id}|${time}|${webhookId}|${crc32(body) >>> 0}`, 'utf8');
}

export function verifyPayPal(input: VerificationInput, config: ConfigOf<'paypal'>, nowMs: number): Verification {
  const signature = findHeader(input.headers, PAYPAL_HEADERS.signature);
  if (!signature) return missing('paypal', `No ${PAYPAL_HEADERS.signature} header.`);
  const received = signature.value;
  const [id, time, certUrl] = [PAYPAL_HEADERS.id, PAYPAL_HEADERS.time, PAYPAL_HEADERS.certUrl].map((name) => findHeader(input.headers, name));
  if (!id || !time || !certUrl) {
    return invalid('paypal', `${signature.name} is there but ${PAYPAL_HEADERS.id}, ${PAYPAL_HEADERS.time} or ${PAYPAL_HEADERS.certUrl} is not, and each is needed.`, { received });
  }
  const algorithm = findHeader(input.headers, PAYPAL_HEADERS.algorithm)?.value ?? 'SHA256withRSA';
  const digest = DIGESTS[algorithm.trim().toLowerCase()];
  if (!digest) return invalid('paypal', `${PAYPAL_HEADERS.algorithm} is "${clip(algorithm, 30)}", not SHA256withRSA as PayPal signs.`, { received });
  const source = certificateKeys('paypal', config.secret, input, certUrl.value.trim(), received);
  if (source.verdict) return source.verdict;
  const reading = config.toleranceSeconds === undefined ? null : readTimestamp(time.value, nowMs, config.toleranceSeconds);
  return runAsymmetricCheck(
    {
      scheme: 'paypal',
      keys: source.keys,
      digest,
      signedContent: (body) => paypalSignedString(id.value, time.value, config.webhookId, body),
      signatures: [Buffer.from(signature.value.trim(), 'base64')],
      receivedHeader: received,
      recipe: `${algorithm} of "transmission id|time|webhook id|CRC32 of the body", in ${signature.name}`,
      timestamp: reading,
      note: duplicateNote(signature.name, signature.count),
    },
    input,
  );
}
