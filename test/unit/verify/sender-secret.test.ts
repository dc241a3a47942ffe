// The secret set here is right, but the sender signed with its own copy plus a trailing newline
// (or \r\n, or a space): the diagnosis says so, on the sender's side. Signatures come from the
// providers' official libraries where the scheme has one (stripe, @octokit/webhooks-methods,
// standardwebhooks), each given the secret with the ending added.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sign as githubSign } from '@octokit/webhooks-methods';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertNoSecret, assertStatus, fixedNow, hmacOf, NOW_S, request } from '../../fixtures/signing.js';

const body = '{"id":"evt_1","object":"event","type":"charge.succeeded"}';
const plain = 'sup3r-s3cret-value-0123456789';
const whsec = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

const endings: Array<[suffix: string, reason: RegExp]> = [
  ['\n', /the sender's copy of the secret has a trailing newline.*remove it on the sender's side \(the secret set here is right\)/],
  ['\r\n', /the sender's copy of the secret has a trailing Windows line break/],
  [' ', /the sender's copy of the secret has a trailing space/],
];

/** Per scheme: the config with the clean secret, and the headers a sender signing with `senderSecret` sends. */
const schemes: Array<{ name: string; config: VerificationConfig; signed: (senderSecret: string) => Promise<HeaderPair[]> | HeaderPair[] }> = [
  {
    name: 'Stripe (stripe.webhooks.generateTestHeaderString)',
    config: { scheme: 'stripe', secret: whsec },
    signed: (secret) => [['Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: NOW_S })]],
  },
  {
    name: 'GitHub (@octokit/webhooks-methods sign)',
    config: { scheme: 'github', secret: plain },
    signed: async (secret) => [['X-Hub-Signature-256', await githubSign(secret, body)]],
  },
  {
    name: 'generic HMAC, UTF-8 key',
    config: { scheme: 'hmac', secret: plain, header: 'X-Sig', algorithm: 'sha256', encoding: 'hex' },
    signed: (secret) => [['X-Sig', hmacOf('sha256', secret, body, 'hex')]],
  },
  {
    name: 'Shopify',
    config: { scheme: 'shopify', secret: plain },
    signed: (secret) => [['X-Shopify-Hmac-Sha256', hmacOf('sha256', secret, body, 'base64')]],
  },
  {
    name: 'Slack',
    config: { scheme: 'slack', secret: plain },
    signed: (secret) => [
      ['X-Slack-Request-Timestamp', String(NOW_S)],
      ['X-Slack-Signature', `v0=${hmacOf('sha256', secret, `v0:${NOW_S}:${body}`, 'hex')}`],
    ],
  },
];

describe("diagnosis: the sender's copy of the secret has a trailing newline", () => {
  for (const { name, config, signed } of schemes) {
    it(`${name}: each ending is named, on the sender's side`, async () => {
      assertStatus(verify(request(await signed(config.secret), body), config, fixedNow), 'valid');
      for (const [suffix, reason] of endings) {
        const result = verify(request(await signed(config.secret + suffix), body), config, fixedNow);
        assertStatus(result, 'invalid', reason);
        assert.doesNotMatch(result.reason, /the secret set here has/, 'not blamed on the secret set here');
        assertNoSecret(result, config.secret);
      }
    });
  }

  it('a different secret is still "most likely wrong", not a newline', async () => {
    const result = verify(request([['X-Hub-Signature-256', await githubSign(`${plain}x`, body)]], body), { scheme: 'github', secret: plain }, fixedNow);
    assertStatus(result, 'invalid', /secret is most likely wrong/);
  });

  it('a newline in the secret set here is still named as ours', () => {
    const config: VerificationConfig = { scheme: 'github', secret: `${plain}\n` };
    const result = verify(request([['X-Hub-Signature-256', `sha256=${hmacOf('sha256', plain, body, 'hex')}`]], body), config, fixedNow);
    assertStatus(result, 'invalid', /the secret set here has a newline at its end/);
  });

  it('Standard Webhooks decodes its key: the official library drops a trailing newline or space, so the signature is valid', () => {
    // What "secret plus newline" means there: base64 decoding skips the whitespace (and the
    // official library refuses a \r outright), so the sender's key is the same as ours.
    const config: VerificationConfig = { scheme: 'standard-webhooks', secret: whsec };
    for (const suffix of ['\n', ' ']) {
      const signature = new StandardWebhook(whsec + suffix).sign('msg_1', new Date(NOW_S * 1000), body);
      const headers: HeaderPair[] = [['webhook-id', 'msg_1'], ['webhook-timestamp', String(NOW_S)], ['webhook-signature', signature]];
      assertStatus(verify(request(headers, body), config, fixedNow), 'valid');
    }
    assert.throws(() => new StandardWebhook(`${whsec}\r\n`), /incorrect characters/);
  });
});
