import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Stripe from 'stripe';
import { verify, type VerificationConfig } from '../../../electron/core/verify/index.js';
import { assertStatus, binaryBody, fixedNow, hmacOf, NOW_MS, NOW_S, request, tamper } from '../../fixtures/signing.js';

const secret = 'whsec_abcdefghijklmnopqrstuvwxyzABCDEF';
const config: VerificationConfig = { scheme: 'stripe', secret };
const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' }, null, 2);

/** The official library signs; we verify. */
const stripeHeader = (body: string, timestamp: number, key = secret) =>
  Stripe.webhooks.generateTestHeaderString({ payload: body, secret: key, timestamp });
const delivery = (header: string, body: string | Buffer = payload) => request([['Stripe-Signature', header]], body);

describe('Stripe (Stripe-Signature)', () => {
  it('accepts a header made by stripe.webhooks.generateTestHeaderString', () => {
    const result = verify(delivery(stripeHeader(payload, NOW_S - 5)), config, fixedNow);
    assertStatus(result, 'valid', /5 s in the past/);
    assert.equal(result.details.skewSeconds, 5);
    assert.equal(result.details.timestamp, new Date((NOW_S - 5) * 1000).toISOString());
    assert.equal(result.details.signedContentPreview?.slice(0, 12), `${NOW_S - 5}.{`);
  });

  it('computes an expected header that stripe.webhooks.signature.verifyHeader accepts', () => {
    const result = verify(delivery(`t=${NOW_S},v1=00`), config, fixedNow);
    assertStatus(result, 'invalid');
    assert.ok(Stripe.webhooks.signature?.verifyHeader(payload, result.details.expected ?? '', secret, 300, undefined, NOW_MS));
  });

  it('rejects a body with one byte changed, and a wrong secret', () => {
    assertStatus(verify(delivery(stripeHeader(payload, NOW_S)), config, fixedNow), 'valid');
    assertStatus(verify(delivery(stripeHeader(payload, NOW_S), tamper(payload)), config, fixedNow), 'invalid', /body was changed/);
    assertStatus(verify(delivery(stripeHeader(payload, NOW_S, 'whsec_other')), config, fixedNow), 'invalid', /secret is most likely wrong/);
  });

  it('reports a stale timestamp by how much, even though the signature matches', () => {
    const result = verify(delivery(stripeHeader(payload, NOW_S - 412)), config, fixedNow);
    assertStatus(result, 'invalid', /signature matches, but the timestamp is 412 s in the past \(tolerance 300 s\)/);
    assert.equal(result.details.skewSeconds, 412);
  });

  it('reports a timestamp in the future', () => {
    const result = verify(delivery(stripeHeader(payload, NOW_S + 400)), config, fixedNow);
    assertStatus(result, 'invalid', /400 s in the future \(tolerance 300 s\)/);
    assert.equal(result.details.skewSeconds, -400);
  });

  it('honours toleranceSeconds', () => {
    const result = verify(delivery(stripeHeader(payload, NOW_S - 412)), { scheme: 'stripe', secret, toleranceSeconds: 600 }, fixedNow);
    assertStatus(result, 'valid', /tolerance 600 s/);
  });

  it('adds the stale timestamp to the cause when the signature fails too', () => {
    const result = verify(delivery(stripeHeader(payload, NOW_S - 1000, 'whsec_other')), config, fixedNow);
    assertStatus(result, 'invalid', /secret is most likely wrong.*The timestamp is also 1000 s in the past/);
  });

  it('accepts any of several v1 signatures while a secret is rolled', () => {
    const old = stripeHeader(payload, NOW_S, 'whsec_retiredretiredretiredretired');
    const current = stripeHeader(payload, NOW_S);
    const rolled = `${old},${current.split(',')[1]}`;
    assertStatus(verify(delivery(rolled), config, fixedNow), 'valid', /signature 2 of 2; the others are likely from a rotated secret/);
    assertStatus(verify(delivery(old), config, fixedNow), 'invalid');
  });

  it('verifies a binary body over its bytes', () => {
    const signature = hmacOf('sha256', secret, Buffer.concat([Buffer.from(`${NOW_S}.`), binaryBody]), 'hex');
    const header = Stripe.webhooks.generateTestHeaderString({ payload: '', secret, timestamp: NOW_S, signature });
    const result = verify(delivery(header, binaryBody), config, fixedNow);
    assertStatus(result, 'valid');
    assert.match(result.details.signedContentPreview ?? '', new RegExp(`^${NOW_S}\\.<binary: 523 bytes`));
    assertStatus(verify(delivery(header, tamper(binaryBody)), config, fixedNow), 'invalid');
  });

  it('diagnoses a whsec_ secret base64-decoded by the sender, the Standard Webhooks way', () => {
    const decodedKey = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const signature = hmacOf('sha256', decodedKey, `${NOW_S}.${payload}`, 'hex');
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: NOW_S, signature });
    assertStatus(verify(delivery(header), config, fixedNow), 'invalid', /part after whsec_ is base64-decoded.*Standard Webhooks/);
  });

  it('diagnoses a body that was pretty-printed after signing', () => {
    const compact = JSON.stringify(JSON.parse(payload));
    assertStatus(verify(delivery(stripeHeader(compact, NOW_S)), config, fixedNow), 'invalid', /re-serialized as compact JSON/);
  });

  it('says when the header has no v1 signature or no timestamp', () => {
    assertStatus(verify(delivery(`t=${NOW_S},v0=abcd`), config, fixedNow), 'invalid', /no v1 signature \(it has v0\)/);
    assertStatus(verify(delivery('v1=abcd'), config, fixedNow), 'invalid', /no t= Unix timestamp/);
  });
});
