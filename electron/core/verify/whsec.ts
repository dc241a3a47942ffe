// The two readings of a `whsec_…` secret. Stripe uses the whole string, prefix included, as the
// literal UTF-8 key; Standard Webhooks (and Svix) base64-decode the part after `whsec_`. Both look
// alike in a settings field, so each scheme tries the other reading when diagnosing a mismatch.
import { isBase64 } from './hmac.js';

const PREFIX = 'whsec_';

/** The Standard Webhooks key: base64 after an optional `whsec_`; null when that is not base64. */
export function decodedWhsecKey(secret: string): Buffer | null {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret;
  if (!isBase64(encoded)) return null;
  const key = Buffer.from(encoded, 'base64');
  return key.length > 0 ? key : null;
}

/** The Stripe key: the secret's own bytes. */
export function literalWhsecKey(secret: string): Buffer {
  return Buffer.from(secret, 'utf8');
}
