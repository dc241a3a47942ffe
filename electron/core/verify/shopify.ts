// Shopify: X-Shopify-Hmac-Sha256 = base64 HMAC-SHA256 of the raw body, keyed with the app's
// client secret (or the store's webhook signing secret).
import type { Verification } from '../../contract/index.js';
import type { ConfigOf } from './config.js';
import { findHeader } from './headers.js';
import { utf8Key } from './hmac.js';
import { duplicateNote, missing } from './result.js';
import { runSignatureCheck } from './signature-check.js';
import type { VerificationInput } from './types.js';

export const SHOPIFY_HEADER = 'X-Shopify-Hmac-Sha256';

export function verifyShopify(input: VerificationInput, config: ConfigOf<'shopify'>, _nowMs: number): Verification {
  const found = findHeader(input.headers, SHOPIFY_HEADER);
  if (!found) return missing('shopify', `No ${SHOPIFY_HEADER} header.`);
  return runSignatureCheck(
    {
      scheme: 'shopify',
      algorithm: 'sha256',
      encoding: 'base64',
      secret: config.secret,
      key: utf8Key,
      signedContent: (body) => [body],
      signatures: [found.value.trim()],
      receivedHeader: found.value,
      recipe: `base64 HMAC-SHA256 of the raw body, in ${found.name}`,
      note: duplicateNote(found.name, found.count),
    },
    input,
  );
}
