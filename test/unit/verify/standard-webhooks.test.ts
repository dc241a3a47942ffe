import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import type { HeaderPair } from '../../../electron/contract/index.js';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertStatus, binaryBody, fixedNow, hmacOf, NOW_S, request, tamper } from '../../fixtures/signing.js';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const config: VerificationConfig = { scheme: 'standard-webhooks', secret };
const payload = '{"type":"invoice.paid","data":{"id":"in_1","amount":4200}}';
const msgId = 'msg_2b2cdbd4c2b14d1f';

const at = (seconds: number) => new Date(seconds * 1000);
function headers(prefix: 'webhook' | 'svix', signature: string, timestamp = NOW_S, id = msgId): HeaderPair[] {
  return [[`${prefix}-id`, id], [`${prefix}-timestamp`, String(timestamp)], [`${prefix}-signature`, signature]];
}

describe('Standard Webhooks (webhook-* and svix-* headers)', () => {
  it('accepts webhook-* headers signed by the standardwebhooks library', () => {
    const signature = new StandardWebhook(secret).sign(msgId, at(NOW_S - 2), payload);
    const result = verify(request(headers('webhook', signature, NOW_S - 2), payload), config, fixedNow);
    assertStatus(result, 'valid');
    assert.equal(result.details.expected, signature);
    assert.equal(result.details.signedContentPreview, `${msgId}.${NOW_S - 2}.${payload}`);
  });

  it('accepts svix-* headers signed by the svix library', () => {
    const signature = new SvixWebhook(secret).sign(msgId, at(NOW_S), payload);
    assertStatus(verify(request(headers('svix', signature), payload), config, fixedNow), 'valid');
  });

  it('accepts the secret without its whsec_ prefix', () => {
    const signature = new StandardWebhook(secret).sign(msgId, at(NOW_S), payload);
    const bare: VerificationConfig = { scheme: 'standard-webhooks', secret: secret.slice('whsec_'.length) };
    assertStatus(verify(request(headers('webhook', signature), payload), bare, fixedNow), 'valid');
  });

  it('computes a signature the official verifier accepts', () => {
    const now = Date.now();
    const seconds = Math.floor(now / 1000);
    const result = verify(request(headers('webhook', 'v1,AAAA', seconds), payload), config, () => now);
    assertStatus(result, 'invalid');
    const official = { 'webhook-id': msgId, 'webhook-timestamp': String(seconds), 'webhook-signature': result.details.expected ?? '' };
    assert.deepEqual(new StandardWebhook(secret).verify(payload, official), JSON.parse(payload));
  });

  it('rejects a body with one byte changed, a wrong secret, and a changed id', () => {
    const signature = new StandardWebhook(secret).sign(msgId, at(NOW_S), payload);
    assertStatus(verify(request(headers('webhook', signature), tamper(payload)), config, fixedNow), 'invalid');
    const other = new StandardWebhook('whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY').sign(msgId, at(NOW_S), payload);
    assertStatus(verify(request(headers('webhook', other), payload), config, fixedNow), 'invalid', /secret is most likely wrong/);
    assertStatus(verify(request(headers('webhook', signature, NOW_S, 'msg_other'), payload), config, fixedNow), 'invalid');
  });

  it('reports stale and future timestamps with their direction', () => {
    const stale = new StandardWebhook(secret).sign(msgId, at(NOW_S - 301), payload);
    const staleResult = verify(request(headers('webhook', stale, NOW_S - 301), payload), config, fixedNow);
    assertStatus(staleResult, 'invalid', /signature matches, but the timestamp is 301 s in the past \(tolerance 300 s\)/);
    assert.equal(staleResult.details.skewSeconds, 301);
    const future = new StandardWebhook(secret).sign(msgId, at(NOW_S + 600), payload);
    const futureResult = verify(request(headers('webhook', future, NOW_S + 600), payload), config, fixedNow);
    assertStatus(futureResult, 'invalid', /600 s in the future/);
    assert.equal(futureResult.details.skewSeconds, -600);
  });

  it('accepts any v1 entry of a space-separated list (rotation) and skips other versions', () => {
    const current = new StandardWebhook(secret).sign(msgId, at(NOW_S), payload);
    const retired = new StandardWebhook('whsec_QUJDREVGR0hJSktMTU5PUFFSU1RVVldY').sign(msgId, at(NOW_S), payload);
    const list = `v1a,c29tZXRoaW5nIGVsc2U= ${retired} ${current}`;
    assertStatus(verify(request(headers('webhook', list), payload), config, fixedNow), 'valid', /signature 2 of 2/);
    assertStatus(verify(request(headers('webhook', 'v1a,c29tZXRoaW5n'), payload), config, fixedNow), 'invalid', /only v1a \(Ed25519\) signatures: set the sender's whpk_ public key/);
    assertStatus(verify(request(headers('webhook', 'v2,c29tZXRoaW5n'), payload), config, fixedNow), 'invalid', /no v1,<base64> signature/);
  });

  it('verifies a binary body over its bytes', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const signature = `v1,${hmacOf('sha256', key, Buffer.concat([Buffer.from(`${msgId}.${NOW_S}.`), binaryBody]), 'base64')}`;
    assertStatus(verify(request(headers('webhook', signature), binaryBody), config, fixedNow), 'valid');
    assertStatus(verify(request(headers('webhook', signature), tamper(binaryBody)), config, fixedNow), 'invalid');
  });

  it('diagnoses a whsec_ secret used literally as the key, the Stripe way', () => {
    const literal = new StandardWebhook(secret, { format: 'raw' }).sign(msgId, at(NOW_S), payload);
    assertStatus(verify(request(headers('webhook', literal), payload), config, fixedNow), 'invalid', /whole whsec_ string is used literally as the key, the way Stripe does/);
  });

  it('diagnoses a hex digest where base64 is expected', () => {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const hex = `v1,${hmacOf('sha256', key, `${msgId}.${NOW_S}.${payload}`, 'hex')}`;
    assertStatus(verify(request(headers('webhook', hex), payload), config, fixedNow), 'invalid', /hex-encoded, and this scheme expects base64/);
  });

  it('says when the id or timestamp header is absent, or the secret is not base64', () => {
    const signature = new StandardWebhook(secret).sign(msgId, at(NOW_S), payload);
    assertStatus(verify(request([['webhook-signature', signature]], payload), config, fixedNow), 'invalid', /id or timestamp header is not/);
    assertStatus(verify(request(headers('webhook', signature), payload), { scheme: 'standard-webhooks', secret: 'whsec_not base64!' }, fixedNow), 'invalid', /not base64/);
  });
});
