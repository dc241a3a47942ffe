import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sign, verify as octokitVerify } from '@octokit/webhooks-methods';
import Stripe from 'stripe';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertStatus, binaryBody, fixedNow, hmacOf, NOW_S, request, tamper } from '../../fixtures/signing.js';

const secret = 'It\'s a Secret to Everybody';
const config: VerificationConfig = { scheme: 'github', secret };
const payload = JSON.stringify({ action: 'opened', number: 42, repository: { full_name: 'octo/hello' } });
const delivery = (signature: string, body: string | Buffer = payload) => request([['X-Hub-Signature-256', signature], ['X-GitHub-Event', 'pull_request']], body);

describe('GitHub (X-Hub-Signature-256)', () => {
  it('accepts a signature made by @octokit/webhooks-methods sign()', async () => {
    const result = verify(delivery(await sign(secret, payload)), config, fixedNow);
    assertStatus(result, 'valid', /HMAC-SHA256 of the raw body, in X-Hub-Signature-256/);
    assert.equal(result.details.expected, await sign(secret, payload));
  });

  it('computes a signature that @octokit/webhooks-methods verify() accepts', async () => {
    const result = verify(delivery('sha256=00'), config, fixedNow);
    assertStatus(result, 'invalid');
    assert.equal(await octokitVerify(secret, payload, result.details.expected ?? ''), true);
  });

  it('rejects a body with one byte changed, and a wrong secret', async () => {
    assertStatus(verify(delivery(await sign(secret, payload), tamper(payload)), config, fixedNow), 'invalid');
    assertStatus(verify(delivery(await sign('wrong', payload)), config, fixedNow), 'invalid', /secret is most likely wrong/);
  });

  it('falls back to the legacy X-Hub-Signature (sha1) only when the SHA-256 header is absent', () => {
    const sha1 = `sha1=${hmacOf('sha1', secret, payload, 'hex')}`;
    assertStatus(verify(request([['X-Hub-Signature', sha1]], payload), config, fixedNow), 'valid', /legacy SHA-1/);
    const both = request([['X-Hub-Signature', sha1], ['X-Hub-Signature-256', 'sha256=00']], payload);
    assertStatus(verify(both, config, fixedNow), 'invalid');
  });

  it('verifies a binary body over its bytes', () => {
    const signature = `sha256=${hmacOf('sha256', secret, binaryBody, 'hex')}`;
    assertStatus(verify(delivery(signature, binaryBody), config, fixedNow), 'valid');
    assertStatus(verify(delivery(signature, tamper(binaryBody)), config, fixedNow), 'invalid');
  });

  it('diagnoses a body signed pretty-printed but sent compact', async () => {
    const pretty = JSON.stringify(JSON.parse(payload), null, 2);
    assertStatus(verify(delivery(await sign(secret, pretty)), config, fixedNow), 'invalid', /2-space indented JSON/);
  });

  it('names the scheme of a foreign signature header and stays missing', () => {
    const stripeHeader = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW_S });
    const result = verify(request([['Stripe-Signature', stripeHeader]], payload), config, fixedNow);
    assertStatus(result, 'missing', /No X-Hub-Signature-256 or X-Hub-Signature header\. The request carries Stripe-Signature, which looks like Stripe and verifies as stripe with this secret/);
    const otherSecret = verify(request([['Stripe-Signature', stripeHeader]], payload), { scheme: 'github', secret: 'other' }, fixedNow);
    assertStatus(otherSecret, 'missing', /looks like Stripe\.$/);
  });
});
