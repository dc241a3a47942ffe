// Verification through the real core: configuration over the API, a verdict stored for every
// delivery, re-verification, and secrets that never come back out.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import { send } from '../helpers/http.js';
import type { ServeProcess } from '../helpers/serve-process.js';
import { startServeSession, type ControlClient, type ServeSession } from '../helpers/serve-session.js';
import { databaseFileIn } from '../../electron/core/store/paths.js';
import { pdfGorillaCompleted } from '../fixtures/payloads.js';

const PDFG_SECRET = 'at-least-32-random-bytes-please-0123456789';
const pdfgSignature = (body: string | Buffer, secret = PDFG_SECRET) => createHmac('sha256', secret).update(body).digest('hex');

describe('verification through serve', () => {
  let session: ServeSession;
  let serve: ServeProcess;
  let api: ControlClient;

  before(async () => {
    session = await startServeSession();
    ({ serve, api } = session);
  });
  after(async () => {
    await session.close();
  });

  /** The newest delivery once its verification has been computed (it runs just after the answer). */
  async function verifiedNewest() {
    for (let i = 0; i < 100; i++) {
      const { json } = await api.get('/api/deliveries?limit=1');
      if (json.deliveries[0]?.verification) return (await api.get(`/api/deliveries/${json.deliveries[0].id}`)).json;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('verification never arrived');
  }

  it('stores "unverified" for an endpoint without a secret', async () => {
    await send(`${serve.captureUrl}/plain`, { body: '{}' });
    const d = await verifiedNewest();
    assert.equal(d.verification.status, 'unverified');
  });

  it('verifies PDF Gorilla deliveries: valid, tampered, missing; and explains', async () => {
    const created = await api.post('/api/endpoints', { slug: 'pdfg', verification: { scheme: 'pdfgorilla', secret: PDFG_SECRET } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.verification, { scheme: 'pdfgorilla', options: {}, secretSet: true, secretHint: '…6789' });

    await send(`${serve.captureUrl}/pdfg/hook`, {
      headers: ['Content-Type', 'application/json', 'x-pdfg-signature', pdfgSignature(pdfGorillaCompleted)],
      body: pdfGorillaCompleted,
    });
    const valid = await verifiedNewest();
    assert.equal(valid.verification.status, 'valid');
    assert.equal(valid.verification.scheme, 'pdfgorilla');

    const tampered = pdfGorillaCompleted.replace('completed', 'completeD');
    await send(`${serve.captureUrl}/pdfg/hook`, {
      headers: ['Content-Type', 'application/json', 'x-pdfg-signature', pdfgSignature(pdfGorillaCompleted)],
      body: tampered,
    });
    const invalid = await verifiedNewest();
    assert.equal(invalid.verification.status, 'invalid');
    assert.match(invalid.verification.reason, /secret|body/i);
    assert.equal(invalid.verification.details.received, pdfgSignature(pdfGorillaCompleted));

    const compact = JSON.stringify(JSON.parse(pdfGorillaCompleted));
    await send(`${serve.captureUrl}/pdfg/hook`, {
      headers: ['Content-Type', 'application/json', 'x-pdfg-signature', pdfgSignature(pdfGorillaCompleted)],
      body: compact,
    });
    const reserialized = await verifiedNewest();
    assert.equal(reserialized.verification.status, 'invalid');
    assert.match(reserialized.verification.reason, /serializ/i);

    await send(`${serve.captureUrl}/pdfg/hook`, { headers: ['Content-Type', 'application/json'], body: pdfGorillaCompleted });
    assert.equal((await verifiedNewest()).verification.status, 'missing');

    const { json } = await api.get('/api/deliveries?endpoint=pdfg');
    assert.deepEqual(json.deliveries.map((d: { verification: string }) => d.verification), ['missing', 'invalid', 'invalid', 'valid']);
  });

  it('re-verifies an endpoint after its secret changes, and one delivery on request', async () => {
    await api.post('/api/endpoints', { slug: 'rotate', verification: { scheme: 'goshiip', secret: 'old-secret-value' } });
    const body = '{"status":"Delivered","reference":"GS-1"}';
    await send(`${serve.captureUrl}/rotate`, { headers: ['X-Signature', pdfgSignature(body, 'new-secret-value')], body });
    const before = await verifiedNewest();
    assert.equal(before.verification.status, 'invalid');

    const patched = await api.patch('/api/endpoints/rotate', { verification: { scheme: 'goshiip', secret: 'new-secret-value' } });
    assert.equal(patched.json.verification.secretHint, '…alue');
    assert.deepEqual((await api.post('/api/endpoints/rotate/verify', {})).json, { verified: 1 });
    assert.equal((await api.get(`/api/deliveries/${before.id}`)).json.verification.status, 'valid');

    // Changing options without a secret keeps the stored one.
    await api.patch('/api/endpoints/rotate', { verification: { scheme: 'hmac', header: 'X-Signature', algorithm: 'sha256', encoding: 'hex' } });
    const one = await api.post(`/api/deliveries/${before.id}/verify`, {});
    assert.equal(one.status, 200);
    assert.equal(one.json.status, 'valid');
    assert.equal(one.json.scheme, 'hmac');

    await api.patch('/api/endpoints/rotate', { verification: null });
    assert.equal((await api.post(`/api/deliveries/${before.id}/verify`, {})).json.status, 'unverified');
    assert.equal((await api.get('/api/endpoints')).json.endpoints.find((e: { slug: string }) => e.slug === 'rotate').verification, null);
  });

  it('checks re-signed-by-the-book Stripe and Standard Webhooks deliveries', async () => {
    const stripeSecret = 'whsec_test_secret_for_hookscope_1234';
    await api.post('/api/endpoints', { slug: 'stripe', verification: { scheme: 'stripe', secret: stripeSecret } });
    const event = JSON.stringify({ id: 'evt_1', type: 'payment_intent.succeeded' });
    const header = Stripe.webhooks.generateTestHeaderString({ payload: event, secret: stripeSecret });
    await send(`${serve.captureUrl}/stripe`, { headers: ['Content-Type', 'application/json', 'Stripe-Signature', header], body: event });
    assert.equal((await verifiedNewest()).verification.status, 'valid');

    const swSecret = `whsec_${Buffer.from('standard-webhooks-key-0123456789').toString('base64')}`;
    await api.post('/api/endpoints', { slug: 'svix', verification: { scheme: 'auto', secret: swSecret } });
    const id = 'msg_2Lh9KRb0pzN4LePd3XiA4v12Axj';
    const date = new Date();
    const signature = new Webhook(swSecret).sign(id, date, event);
    await send(`${serve.captureUrl}/svix`, {
      headers: ['webhook-id', id, 'webhook-timestamp', String(Math.floor(date.getTime() / 1000)), 'webhook-signature', signature],
      body: event,
    });
    const detected = await verifiedNewest();
    assert.equal(detected.verification.status, 'valid');
    assert.equal(detected.verification.scheme, 'standard-webhooks');
  });

  it('refuses a bad verification config and leaves the endpoint as it was', async () => {
    const bad = await api.post('/api/endpoints', { slug: 'badcfg', verification: { scheme: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'md5', encoding: 'hex' } });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /algorithm/);
    assert.equal((await api.get('/api/endpoints')).json.endpoints.some((e: { slug: string }) => e.slug === 'badcfg'), false);
    const noSecret = await api.post('/api/endpoints', { slug: 'nosecret', verification: { scheme: 'github' } });
    assert.equal(noSecret.status, 400);
    assert.match(noSecret.json.error.message, /secret is required/);
  });

  it('never returns, logs or stores a secret in clear', async () => {
    const endpoints = JSON.stringify((await api.get('/api/endpoints')).json);
    for (const secret of [PDFG_SECRET, 'new-secret-value', 'whsec_test_secret_for_hookscope_1234']) {
      assert.ok(!endpoints.includes(secret), 'not in the API');
      assert.ok(!serve.output().includes(secret), 'not in the output');
    }
    const db = new Database(databaseFileIn(session.dir), { readonly: true });
    try {
      const dump = JSON.stringify(db.prepare('SELECT * FROM endpoints').all(), (_k, v: unknown) =>
        Buffer.isBuffer(v) ? v.toString('latin1') : v,
      );
      assert.ok(!dump.includes(PDFG_SECRET), 'the database holds only the sealed secret');
      assert.ok(dump.includes('pdfgorilla'));
    } finally {
      db.close();
    }
    const keyFile = join(session.dir, 'secret.key');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(readFileSync(keyFile).length, 32);
    assert.deepEqual((await api.get('/api/info')).json.secretStorage, { kind: 'key-file', protectsSecrets: true });
  });
});
