import { describe, it } from 'node:test';
import Stripe from 'stripe';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig, type VerificationInput } from '../../../electron/core/verify/index.js';
import { assertNoSecret, assertStatus, fixedNow, hmacOf, NOW_S, request } from '../../fixtures/signing.js';

const body = '{"id":"evt_1","object":"event"}';
const plain = 'sup3r-s3cret-value-0123456789';
const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const stdKey = Buffer.from(whsec.slice(6), 'base64');
const publicUrl = 'https://brave-fox-42.loca.lt';

/** For each scheme: its config and a request signed correctly with that secret. */
const schemes: Array<{ config: VerificationConfig; headers: HeaderPair[] }> = [
  { config: { scheme: 'hmac', secret: plain, header: 'X-Sig', algorithm: 'sha256', encoding: 'hex' }, headers: [['X-Sig', hmacOf('sha256', plain, body, 'hex')]] },
  { config: { scheme: 'pdfgorilla', secret: plain }, headers: [['x-pdfg-signature', hmacOf('sha256', plain, body, 'hex')]] },
  { config: { scheme: 'goshiip', secret: plain }, headers: [['X-Signature', hmacOf('sha256', plain, body, 'hex')]] },
  { config: { scheme: 'stripe', secret: whsec }, headers: [['Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload: body, secret: whsec, timestamp: NOW_S })]] },
  { config: { scheme: 'github', secret: plain }, headers: [['X-Hub-Signature-256', `sha256=${hmacOf('sha256', plain, body, 'hex')}`]] },
  {
    config: { scheme: 'standard-webhooks', secret: whsec },
    headers: [['webhook-id', 'm'], ['webhook-timestamp', String(NOW_S)], ['webhook-signature', `v1,${hmacOf('sha256', stdKey, `m.${NOW_S}.${body}`, 'base64')}`]],
  },
  { config: { scheme: 'shopify', secret: plain }, headers: [['X-Shopify-Hmac-Sha256', hmacOf('sha256', plain, body, 'base64')]] },
  {
    config: { scheme: 'slack', secret: plain },
    headers: [['X-Slack-Request-Timestamp', String(NOW_S)], ['X-Slack-Signature', `v0=${hmacOf('sha256', plain, `v0:${NOW_S}:${body}`, 'hex')}`]],
  },
  { config: { scheme: 'twilio', secret: plain }, headers: [['X-Twilio-Signature', hmacOf('sha1', plain, `${publicUrl}/hooks/orders`, 'base64')]] },
  { config: { scheme: 'header', secret: plain, header: 'X-Token' }, headers: [['X-Token', plain]] },
  { config: { scheme: 'basic', secret: `user:${plain}` }, headers: [['Authorization', `Basic ${Buffer.from(`user:${plain}`).toString('base64')}`]] },
  { config: { scheme: 'auto', secret: plain }, headers: [['X-Signature', hmacOf('sha256', plain, body, 'hex')]] },
];

function situations(headers: HeaderPair[]): Array<[string, VerificationInput]> {
  return [
    ['valid', request(headers, body, { publicUrl })],
    ['tampered', request(headers, `${body} `, { publicUrl })],
    ['host-derived URL', request([['Host', 'brave-fox-42.loca.lt'], ...headers], body)],
    ['missing, with a foreign header', request([['Stripe-Signature', `t=${NOW_S},v1=00`]], body)],
  ];
}

describe('the secret never appears in a verification', () => {
  for (const { config, headers } of schemes) {
    it(`${config.scheme}: valid, invalid, trimmed, missing`, () => {
      const [[, signed]] = situations(headers) as [[string, VerificationInput]];
      assertStatus(verify(signed, config, fixedNow), 'valid');
      const variants: VerificationConfig[] = [config, { ...config, secret: `${config.secret}\n` }, { ...config, secret: `${config.secret}x` }];
      for (const variant of variants) {
        for (const [, input] of situations(headers)) assertNoSecret(verify(input, variant, fixedNow), variant.secret);
      }
    });
  }
});
