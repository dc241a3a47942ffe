import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verificationConfigSchema } from '../../../electron/core/verify/index.js';

const accepted: unknown[] = [
  { scheme: 'auto', secret: 's' },
  { scheme: 'auto', secret: 's', toleranceSeconds: 600 },
  { scheme: 'pdfgorilla', secret: 's' },
  { scheme: 'goshiip', secret: 's' },
  { scheme: 'stripe', secret: 'whsec_x', toleranceSeconds: 300 },
  { scheme: 'github', secret: 's' },
  { scheme: 'standard-webhooks', secret: 'whsec_QUJD' },
  { scheme: 'shopify', secret: 's' },
  { scheme: 'slack', secret: 's' },
  { scheme: 'twilio', secret: 's' },
  { scheme: 'header', secret: 'v', header: 'X-Token' },
  { scheme: 'basic', secret: 'user:pass' },
  { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex' },
  { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', template: '{publicUrl}{body}' },
  ...['discord', 'sendgrid', 'plaid', 'sns', 'paddle', 'zoom', 'mailgun', 'linear', 'twitch', 'hubspot', 'zendesk'].map((scheme) => ({ scheme, secret: 's', toleranceSeconds: 120 })),
  ...['adobe-io', 'square', 'adyen', 'intercom'].map((scheme) => ({ scheme, secret: 's' })),
  { scheme: 'paypal', secret: 'fetch', webhookId: 'WH-1' },
  {
    scheme: 'hmac',
    secret: 'c2VjcmV0',
    header: 'X-Sig',
    algorithm: 'sha1',
    encoding: 'base64',
    prefix: 'sha1=',
    template: '{id}.{timestamp}.{method}.{url}.{body}',
    timestampHeader: 'X-Ts',
    idHeader: 'X-Id',
    keyEncoding: 'base64',
    toleranceSeconds: 60,
  },
];

const rejected: Array<[string, unknown]> = [
  ['an unknown scheme', { scheme: 'nope', secret: 's' }],
  ['paypal without its webhook id', { scheme: 'paypal', secret: 'fetch' }],
  ['{publicUrl} misspelt', { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', template: '{publicURL}{body}' }],
  ['a tolerance on a scheme without a timestamp', { scheme: 'intercom', secret: 's', toleranceSeconds: 60 }],
  ['no scheme', { secret: 's' }],
  ['an empty secret', { scheme: 'github', secret: '' }],
  ['a missing secret', { scheme: 'github' }],
  ['a secret over 4096 characters', { scheme: 'github', secret: 'x'.repeat(4097) }],
  ['a non-string secret', { scheme: 'github', secret: 42 }],
  ['a bad algorithm', { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'md5', encoding: 'hex' }],
  ['a bad encoding', { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'base32' }],
  ['an hmac without header', { scheme: 'hmac', secret: 's', algorithm: 'sha256', encoding: 'hex' }],
  ['a header name with a space', { scheme: 'hmac', secret: 's', header: 'X Sig', algorithm: 'sha256', encoding: 'hex' }],
  ['a header name with CRLF', { scheme: 'header', secret: 's', header: 'X-A\r\nX-B' }],
  ['an unknown placeholder', { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', template: '{body}{secret}' }],
  ['{timestamp} without timestampHeader', { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', template: '{timestamp}.{body}' }],
  ['{id} without idHeader', { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', template: '{id}.{body}' }],
  ['a hex keyEncoding with a non-hex secret', { scheme: 'hmac', secret: 'xyz', header: 'X-Sig', algorithm: 'sha256', encoding: 'hex', keyEncoding: 'hex' }],
  ['an option another scheme owns', { scheme: 'github', secret: 's', header: 'X-Sig' }],
  ['a negative tolerance', { scheme: 'stripe', secret: 's', toleranceSeconds: -1 }],
  ['a fractional tolerance', { scheme: 'slack', secret: 's', toleranceSeconds: 1.5 }],
  ['a header scheme without header', { scheme: 'header', secret: 's' }],
  ['a basic secret without a colon', { scheme: 'basic', secret: 'password' }],
  ['null', null],
  ['a string', 'stripe'],
];

describe('verificationConfigSchema', () => {
  it('accepts every scheme with valid options', () => {
    for (const config of accepted) {
      const parsed = verificationConfigSchema.safeParse(config);
      assert.ok(parsed.success, `${JSON.stringify(config)}: ${parsed.error?.message}`);
      assert.deepEqual(parsed.data, config);
    }
  });

  it('rejects bad configs', () => {
    for (const [what, config] of rejected) assert.equal(verificationConfigSchema.safeParse(config).success, false, what);
  });
});
