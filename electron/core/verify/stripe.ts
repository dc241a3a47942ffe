// Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of `${t}.${body}` keyed
// with the whole `whsec_…` string. Several v1 entries appear while a secret is being rolled.
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { duplicateNote, invalid, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import { DEFAULT_TOLERANCE_SECONDS, readTimestamp } from './timestamp.js';
import type { VerificationInput } from './types.js';
import { decodedWhsecKey } from './whsec.js';

export const STRIPE_HEADER = 'Stripe-Signature';

interface StripeHeader {
  t: string | null;
  v1: string[];
  others: string[];
}

export function parseStripeHeader(value: string): StripeHeader {
  const parsed: StripeHeader = { t: null, v1: [], others: [] };
  for (const item of value.split(',')) {
    const at = item.indexOf('=');
    if (at < 1) continue;
    const [key, text] = [item.slice(0, at).trim(), item.slice(at + 1).trim()];
    if (key === 't') parsed.t ??= text;
    else if (key === 'v1') parsed.v1.push(text);
    else if (key) parsed.others.push(key);
  }
  return parsed;
}

export function verifyStripe(input: VerificationInput, config: ConfigOf<'stripe'>, nowMs: number): Verification {
  const found = findHeader(input.headers, STRIPE_HEADER);
  if (!found) return missing('stripe', `No ${STRIPE_HEADER} header.`);
  const { t, v1, others } = parseStripeHeader(found.value);
  const received = { received: found.value };
  if (v1.length === 0) {
    const seen = others.length ? ` (it has ${others.join(', ')})` : '';
    return invalid('stripe', `${found.name} carries no v1 signature${seen}; Stripe signs live events with v1.`, received);
  }
  const reading = t !== null && /^\d+$/.test(t) ? readTimestamp(t, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) : null;
  if (t === null || reading === null) return invalid('stripe', `${found.name} has no t= Unix timestamp, which is part of what Stripe signs.`, received);
  return runSignatureCheck(
    {
      scheme: 'stripe',
      algorithm: 'sha256',
      encoding: 'hex',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [Buffer.concat([Buffer.from(`${t}.`), body])],
      signatures: v1,
      receivedHeader: found.value,
      formatExpected: (signature) => `t=${t},v1=${signature}`,
      recipe: `HMAC-SHA256 of "t.body" keyed with the whole whsec_ secret, in ${found.name}`,
      timestamp: reading,
      keyVariants: [
        {
          value: decodedWhsecKey,
          cause:
            'The signature matches when the part after whsec_ is base64-decoded and used as the key, the Standard Webhooks (Svix) way; Stripe keys with the whole whsec_ string, so the sender is not signing the way Stripe does.',
        },
      ],
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
