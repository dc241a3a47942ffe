import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
import twilio from 'twilio';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertStatus, fixedNow, goShiipShipment, hmacOf, NOW_S, pdfGorillaCompleted, request } from '../../fixtures/signing.js';

const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const plain = 'a-shared-secret';
const body = '{"id":"evt_1","object":"event"}';
const at = new Date(NOW_S * 1000);

/** One signed request per provider, each made with its own recipe or official library. */
const cases: Array<{ scheme: string; secret: string; headers: () => HeaderPair[] | Promise<HeaderPair[]>; body?: string; publicUrl?: string }> = [
  { scheme: 'stripe', secret: whsec, headers: () => [['Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload: body, secret: whsec, timestamp: NOW_S })]] },
  { scheme: 'github', secret: plain, headers: async () => [['X-Hub-Signature-256', await githubSign(plain, body)]] },
  { scheme: 'github', secret: plain, headers: () => [['X-Hub-Signature', `sha1=${hmacOf('sha1', plain, body, 'hex')}`]] },
  {
    scheme: 'standard-webhooks',
    secret: whsec,
    headers: () => [['webhook-id', 'msg_1'], ['webhook-timestamp', String(NOW_S)], ['webhook-signature', new StandardWebhook(whsec).sign('msg_1', at, body)]],
  },
  {
    scheme: 'standard-webhooks',
    secret: whsec,
    headers: () => [['svix-id', 'msg_1'], ['svix-timestamp', String(NOW_S)], ['svix-signature', new SvixWebhook(whsec).sign('msg_1', at, body)]],
  },
  { scheme: 'shopify', secret: plain, headers: () => [['X-Shopify-Hmac-Sha256', hmacOf('sha256', plain, body, 'base64')]] },
  {
    scheme: 'slack',
    secret: plain,
    headers: () => [['X-Slack-Request-Timestamp', String(NOW_S)], ['X-Slack-Signature', `v0=${hmacOf('sha256', plain, `v0:${NOW_S}:${body}`, 'hex')}`]],
  },
  {
    scheme: 'twilio',
    secret: plain,
    publicUrl: 'https://brave-fox-42.loca.lt',
    headers: () => [['X-Twilio-Signature', twilio.getExpectedTwilioSignature(plain, 'https://brave-fox-42.loca.lt/hooks/orders', {})]],
  },
  { scheme: 'pdfgorilla', secret: plain, body: pdfGorillaCompleted, headers: () => [['x-pdfg-signature', hmacOf('sha256', plain, pdfGorillaCompleted, 'hex')]] },
  { scheme: 'goshiip', secret: plain, body: goShiipShipment, headers: () => [['X-Signature', hmacOf('sha256', plain, goShiipShipment, 'hex')]] },
];

describe('auto detection', () => {
  for (const c of cases) {
    it(`detects ${c.scheme} and verifies it`, async () => {
      const extra = c.publicUrl ? { publicUrl: c.publicUrl } : {};
      const input = request(await c.headers(), c.body ?? body, extra);
      const result = verify(input, { scheme: 'auto', secret: c.secret }, fixedNow);
      assert.equal(result.scheme, c.scheme);
      assertStatus(result, 'valid');
      assertStatus(verify(input, { scheme: 'auto', secret: 'wrong-secret' }, fixedNow), 'invalid');
    });
  }

  it('passes its tolerance to the detected scheme', () => {
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: whsec, timestamp: NOW_S - 400 });
    const input = request([['Stripe-Signature', header]], body);
    assertStatus(verify(input, { scheme: 'auto', secret: whsec }, fixedNow), 'invalid', /400 s in the past/);
    assertStatus(verify(input, { scheme: 'auto', secret: whsec, toleranceSeconds: 600 }, fixedNow), 'valid');
  });

  it('is missing when no known header is present, and lists what it looked for', () => {
    const result = verify(request([['Content-Type', 'application/json']], body), { scheme: 'auto', secret: plain }, fixedNow);
    assertStatus(result, 'missing', /looked for Stripe-Signature, X-Hub-Signature-256, X-Hub-Signature, webhook-signature, svix-signature, X-Shopify-Hmac-Sha256, X-Slack-Signature, X-Twilio-Signature, X-Signature-Ed25519, .*, x-pdfg-signature, X-Signature\.$/);
    assert.equal(result.scheme, 'auto');
  });
});

describe('unverified and missing', () => {
  it('is unverified without a config, and names the scheme the request looks signed with', () => {
    const result = verify(request([['X-Shopify-Hmac-Sha256', 'abc']], body), null, fixedNow);
    assertStatus(result, 'unverified', /No secret is set.*looks like Shopify/);
    assert.equal(result.scheme, 'shopify');
    const bare = verify(request([], body), null, fixedNow);
    assertStatus(bare, 'unverified');
    assert.equal(bare.scheme, 'none');
    assert.deepEqual(bare.details, { signedContentPreview: null, expected: null, received: null, timestamp: null, skewSeconds: null });
  });

  it('is missing for every scheme when its header is absent', () => {
    const configs: VerificationConfig[] = [
      { scheme: 'hmac', secret: plain, header: 'X-Sig', algorithm: 'sha256', encoding: 'hex' },
      { scheme: 'pdfgorilla', secret: plain },
      { scheme: 'goshiip', secret: plain },
      { scheme: 'stripe', secret: whsec },
      { scheme: 'github', secret: plain },
      { scheme: 'standard-webhooks', secret: whsec },
      { scheme: 'shopify', secret: plain },
      { scheme: 'slack', secret: plain },
      { scheme: 'twilio', secret: plain },
      { scheme: 'header', secret: plain, header: 'X-Token' },
      { scheme: 'basic', secret: 'u:p' },
    ];
    for (const config of configs) {
      const result = verify(request([['Content-Type', 'application/json']], body), config, fixedNow);
      assertStatus(result, 'missing', /^No /);
      assert.equal(result.scheme, config.scheme);
    }
  });

  it('names a foreign scheme when the configured one finds nothing', () => {
    const input = request([['x-pdfg-signature', hmacOf('sha256', plain, body, 'hex')]], body);
    assertStatus(verify(input, { scheme: 'slack', secret: plain }, fixedNow), 'missing', /carries x-pdfg-signature, which looks like PDF Gorilla and verifies as pdfgorilla with this secret: switch the scheme to pdfgorilla\./);
  });
});
