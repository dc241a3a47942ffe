import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertStatus, binaryBody, fixedNow, hmacOf, request, tamper } from '../../fixtures/signing.js';

const secret = 'shpss_0123456789abcdef0123456789abcdef';
const config: VerificationConfig = { scheme: 'shopify', secret };
const payload = JSON.stringify({ id: 820982911946154500, email: 'jon@example.com', total_price: '254.98' });
/** Shopify's documented recipe: base64 HMAC-SHA256 of the raw body, keyed with the app secret. */
const shopifySign = (body: string | Buffer, key = secret) => hmacOf('sha256', key, body, 'base64');
const delivery = (signature: string, body: string | Buffer = payload) =>
  request([['X-Shopify-Hmac-Sha256', signature], ['X-Shopify-Topic', 'orders/create']], body);

describe('Shopify (X-Shopify-Hmac-Sha256)', () => {
  it('accepts the documented recipe', () => {
    const result = verify(delivery(shopifySign(payload)), config, fixedNow);
    assertStatus(result, 'valid');
    assert.equal(result.details.expected, shopifySign(payload));
  });

  it('rejects a body with one byte changed, and a wrong secret', () => {
    assertStatus(verify(delivery(shopifySign(payload), tamper(payload)), config, fixedNow), 'invalid');
    assertStatus(verify(delivery(shopifySign(payload, 'wrong')), config, fixedNow), 'invalid', /secret is most likely wrong/);
  });

  it('verifies a binary body over its bytes', () => {
    assertStatus(verify(delivery(shopifySign(binaryBody), binaryBody), config, fixedNow), 'valid');
    assertStatus(verify(delivery(shopifySign(binaryBody), tamper(binaryBody)), config, fixedNow), 'invalid');
  });

  it('diagnoses a hex digest where base64 is expected', () => {
    const hex = hmacOf('sha256', secret, payload, 'hex');
    assertStatus(verify(delivery(hex), config, fixedNow), 'invalid', /right HMAC but hex-encoded, and this scheme expects base64/);
  });

  it('diagnoses a secret pasted with trailing spaces', () => {
    const result = verify(delivery(shopifySign(payload)), { scheme: 'shopify', secret: `${secret}  ` }, fixedNow);
    assertStatus(result, 'invalid', /trimmed: the secret set here has whitespace at its start or end/);
  });
});
