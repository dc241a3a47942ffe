// Search through `hookscope serve` over its real SQLite file: free words, phrases, prefixes and
// pasted identifiers against bodies, headers and paths; every field; negation; newest-first keyset
// paging with a capped count; errors as 400; live matching (deliveries.matches); a store from
// before search indexed in the background; delete-older-than.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import Stripe from 'stripe';
import { controlClient, send } from '../helpers/http.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';
import { pdfGorillaCompleted } from '../fixtures/payloads.js';
import { migrations } from '../../electron/core/store/migrations.js';
import { databaseFileIn } from '../../electron/core/store/paths.js';

const stripeSecret = 'whsec_search_test_secret';
const uuid = '3f2a9c1e-0b7d-4e5f-8a6b-1c2d3e4f5a6b';

function stripeEvent(id: string, type: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, object: 'event', type, data: { object: { id: 'pi_123', status: type.endsWith('failed') ? 'requires_payment_method' : 'succeeded', ...extra } } });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('search through serve (real SQLite, loopback HTTP)', () => {
  let serve: ServeProcess;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let api: ReturnType<typeof controlClient>;
  const ids: Record<string, number> = {};

  const search = async (q: string, extra = '') => {
    const { status, json } = await api.get(`/api/deliveries?q=${encodeURIComponent(q)}${extra}`);
    assert.equal(status, 200, `${q}: ${JSON.stringify(json)}`);
    return json as { deliveries: { id: number }[]; nextBefore: number | null; total: { count: number; capped: boolean } | null };
  };
  const found = async (q: string) => (await search(q)).deliveries.map((d) => d.id);

  before(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    api = controlClient(serve.uiUrl, serve.token);
    await api.post('/api/endpoints', { slug: 'stripe', verification: { scheme: 'stripe', secret: stripeSecret } });
    await api.post('/api/endpoints', { slug: 'github' });
    await api.post('/api/endpoints', { slug: 'pdfgorilla' });
    await api.post('/api/endpoints', { slug: 'flaky', response: { status: 503 } });

    const post = async (name: string, path: string, headers: string[], body: string | Buffer, method = 'POST') => {
      const response = await send(`${serve.captureUrl}${path}`, { method, headers, body });
      assert.ok(response.status < 600);
      const { json } = await api.get('/api/deliveries?limit=1');
      ids[name] = json.deliveries[0].id;
    };
    const paid = stripeEvent('evt_1NxPaidAbC', 'payment_intent.succeeded', { description: 'thank you for your payment' });
    await post('paid', '/stripe/webhooks', ['Content-Type', 'application/json', 'Stripe-Signature', Stripe.webhooks.generateTestHeaderString({ payload: paid, secret: stripeSecret })], paid);
    const failed = stripeEvent('evt_1NyFailXyZ', 'invoice.payment_failed', { note: 'payment failed for order' });
    await post('badsig', '/stripe/webhooks', ['Content-Type', 'application/json', 'Stripe-Signature', 't=1,v1=00'], failed);
    await post('push', '/github/hook?source=ci&tag=v1%2E2', ['Content-Type', 'application/json', 'X-GitHub-Event', 'push', 'X-GitHub-Delivery', uuid], JSON.stringify({ ref: 'refs/heads/main', repository: { full_name: 'acme/api' } }));
    await post('job', '/pdfgorilla/webhooks/pdf', ['Content-Type', 'application/json', 'x-pdfg-event-id', 'cma1b2c3d4e5f6g7h8i9j0k'], pdfGorillaCompleted);
    await post('binary', '/flaky/upload', ['Content-Type', 'application/octet-stream'], Buffer.concat([Buffer.from([0, 1, 2, 255]), Buffer.from('evt_hidden_in_binary'), Buffer.alloc(20 * 1024, 7)]), 'PUT');
    // Verification and recognition run after the answer: wait until both are stored.
    await until('analysis', async () => {
      const { json } = await api.get('/api/deliveries?limit=10');
      return json.deliveries.every((d: { verification: string | null; endpoint: string; provider: unknown }) => d.verification !== null && (d.endpoint === 'flaky' || d.provider !== null)) ? true : undefined;
    });
  });

  after(async () => {
    await serve?.stop();
    await data?.remove();
  });

  it('finds pasted identifiers whole (evt_…, job ids, UUIDs), and not by a fragment', async () => {
    assert.deepEqual(await found('evt_1NxPaidAbC'), [ids.paid]);
    assert.deepEqual(await found('cma1b2c3d4e5f6g7h8i9j0k'), [ids.job]);
    assert.deepEqual(await found(uuid), [ids.push], 'a UUID in a header value');
    assert.deepEqual(await found('evt'), [], 'a fragment of an identifier is not a word of it');
  });

  it('matches prefixes, phrases in order, and every word', async () => {
    assert.deepEqual(await found('evt_1N*'), [ids.badsig, ids.paid]);
    assert.deepEqual(await found('"payment failed"'), [ids.badsig]);
    assert.deepEqual(await found('"failed payment"'), []);
    assert.deepEqual(await found('payment order'), [ids.badsig]);
    assert.deepEqual(await found('payment_intent.succeeded'), [ids.paid]);
  });

  it('searches header names and values, the path and the (decoded) query, and skips binary bodies', async () => {
    assert.deepEqual(await found('acme'), [ids.push]);
    assert.deepEqual(await found('webhooks'), [ids.job, ids.badsig, ids.paid]);
    assert.deepEqual(await found('v1.2'), [ids.push], 'the query string decoded');
    assert.deepEqual(await found('octet-stream'), [ids.binary]);
    assert.deepEqual(await found('evt_hidden_in_binary'), [], 'a binary body is not text');
  });

  it('leaves signature values out of the free text, yet finds one by its header', async () => {
    const { json } = await api.get(`/api/deliveries/${ids.paid}`);
    const signature = (json.headers as [string, string][]).find(([name]) => name === 'Stripe-Signature')![1];
    const v1 = /v1=([0-9a-f]{64})/.exec(signature)![1]!;
    assert.deepEqual(await found(v1), [], 'an HMAC is not a word of the index');
    assert.deepEqual(await found('stripe-signature'), [ids.badsig, ids.paid], 'the header name still is');
    assert.deepEqual(await found(`header:stripe-signature=${signature}`), [ids.paid]);
    assert.deepEqual(await found('header:stripe-signature=t=1,v1=00'), [ids.badsig]);
  });

  it('filters by each field, and "-" negates', async () => {
    assert.deepEqual(await found('method:PUT'), [ids.binary]);
    assert.deepEqual(await found('status:503'), [ids.binary]);
    assert.deepEqual(await found('status:5xx'), [ids.binary]);
    assert.deepEqual(await found('-status:2xx'), [ids.binary]);
    assert.deepEqual(await found('provider:stripe'), [ids.badsig, ids.paid]);
    assert.deepEqual(await found('event:invoice.*'), [ids.badsig]);
    assert.deepEqual(await found('event:payment_intent.succeeded'), [ids.paid]);
    assert.deepEqual(await found('verified:invalid'), [ids.badsig]);
    assert.deepEqual(await found('verified:valid'), [ids.paid]);
    assert.deepEqual(await found('provider:stripe -verified:valid'), [ids.badsig]);
    assert.deepEqual(await found('endpoint:github'), [ids.push]);
    assert.deepEqual(await found('endpoint:no-such-endpoint'), []);
    assert.deepEqual(await found('header:x-github-event'), [ids.push]);
    assert.deepEqual(await found('header:x-github-event=PUSH'), [ids.push]);
    assert.deepEqual(await found('header:x-github-event=pull'), []);
    assert.deepEqual(await found("header:content-type=application/*"), [ids.binary, ids.job, ids.push, ids.badsig, ids.paid]);
    assert.deepEqual(await found('size>10kb'), [ids.binary]);
    assert.deepEqual(await found('-size>10kb -webhooks'), [ids.push]);
    assert.deepEqual(await found('after:2000-01-01 endpoint:github'), [ids.push]);
    assert.deepEqual(await found('before:2000-01-01'), []);
    assert.deepEqual(await found('retry:yes'), []);
    assert.deepEqual(await found('via:direct provider:github'), [ids.push]);
    assert.deepEqual(await found('via:tunnel'), []);
  });

  it('pages newest first with before, counts matches on the first page, and keeps the endpoint filter', async () => {
    const first = await search('webhooks', '&limit=2');
    assert.deepEqual(first.deliveries.map((d) => d.id), [ids.job, ids.badsig]);
    assert.deepEqual(first.total, { count: 3, capped: false });
    const second = await search('webhooks', `&limit=2&before=${first.nextBefore}`);
    assert.deepEqual(second.deliveries.map((d) => d.id), [ids.paid]);
    assert.equal(second.total, null, 'counted on the first page only');
    assert.deepEqual((await search('webhooks', '&endpoint=stripe')).deliveries.map((d) => d.id), [ids.badsig, ids.paid]);
    const plain = await api.get('/api/deliveries?endpoint=stripe');
    assert.deepEqual(plain.json.total, { count: 2, capped: false }, 'the endpoint total without a query');
  });

  it('answers a bad query with 400 invalid_argument naming the problem', async () => {
    for (const [q, message] of [['verified:maybe', /verified: "maybe" is not one of/], ['stauts:500', /unknown field "stauts:"/], ['"open', /quote is not closed/], ['x'.repeat(1001), /at most 1000 characters/]] as const) {
      const { status, json } = await api.get(`/api/deliveries?q=${encodeURIComponent(q)}`);
      assert.equal(status, 400, q);
      assert.equal(json.error.code, 'invalid_argument');
      assert.match(json.error.message, message);
    }
  });

  it('tells which of a set of deliveries match (the live list asks this for arrivals)', async () => {
    const { status, json } = await api.post('/api/deliveries/matches', { q: 'provider:stripe', ids: [ids.paid, ids.push, ids.badsig] });
    assert.equal(status, 200);
    assert.deepEqual(json.ids.sort(), [ids.paid, ids.badsig].sort());
    const scoped = await api.post('/api/deliveries/matches', { q: 'webhooks', endpoint: 'pdfgorilla', ids: [ids.paid, ids.job] });
    assert.deepEqual(scoped.json.ids, [ids.job]);
  });

  it('reports the store, and deletes what is older than a time', async () => {
    const stats = await api.get('/api/store');
    assert.equal(stats.json.deliveries, 5);
    assert.ok(stats.json.databaseBytes > 0);
    assert.deepEqual(stats.json.searchIndex, { pending: 0, total: 0 });
    const none = await api.post('/api/deliveries/prune', { before: '2000-01-01T00:00:00Z' });
    assert.deepEqual(none.json, { deleted: 0 });
    const bad = await api.post('/api/deliveries/prune', { before: 'yesterday' });
    assert.equal(bad.status, 400);
  });

  it('deleting a delivery takes it out of the index and its facts', async () => {
    await api.del(`/api/deliveries/${ids.badsig}`);
    assert.deepEqual(await found('evt_1NyFailXyZ'), []);
    assert.deepEqual(await found('verified:invalid'), []);
    const all = await api.post('/api/deliveries/prune', { before: new Date(Date.now() + 60_000).toISOString() });
    assert.deepEqual(all.json, { deleted: 4 });
    assert.deepEqual(await found('webhooks'), []);
  });
});

describe('a store from before search', () => {
  it('is indexed in the background after start-up, newest first, with progress, and then found', async () => {
    const data = await makeDataDir();
    try {
      // Schema version 6: what Hookscope wrote before the search index existed.
      const db = new Database(databaseFileIn(data.dir));
      for (const migration of migrations.slice(0, 6)) db.exec(migration);
      db.pragma('user_version = 6');
      db.prepare(`INSERT INTO endpoints (slug, name, built_in, response, created_at) VALUES ('default', 'Default', 1, '{"status":200,"headers":[],"body":"","delayMs":0}', 0)`).run();
      const insert = db.prepare(`INSERT INTO deliveries (endpoint_id, received_at, method, url, http_version, raw_headers, body_size, body_sha256, response_status, response_headers, response_body)
        VALUES (1, ?, 'POST', ?, '1.1', '[["Content-Type","application/json"]]', ?, 'x', 200, '[]', '')`);
      const body = db.prepare('INSERT INTO delivery_bodies (delivery_id, body) VALUES (?, ?)');
      const verdict = db.prepare(`INSERT INTO verifications VALUES (?, 'auto', ?, '', '{}', 0)`);
      db.transaction(() => {
        for (let i = 1; i <= 1500; i++) {
          const text = Buffer.from(JSON.stringify({ id: `job_old_${i}`, note: i % 2 ? 'odd' : 'even' }));
          const { lastInsertRowid } = insert.run(Date.now() - 1000, `/old/${i}`, text.length);
          body.run(lastInsertRowid, text);
          verdict.run(lastInsertRowid, i === 7 ? 'invalid' : 'unverified');
        }
      })();
      db.close();

      const serve = await startServe(data.dir);
      try {
        const api = controlClient(serve.uiUrl, serve.token);
        const first = await api.get('/api/store');
        assert.equal(first.status, 200, 'the API answers while indexing runs');
        assert.equal(first.json.searchIndex.total, 1500);
        const hit = await until(`the oldest delivery to be indexed (serve said: ${serve.output()})`, async () => {
          const { json } = await api.get('/api/deliveries?q=job_old_1');
          return json.deliveries.length > 0 ? json.deliveries : undefined;
        });
        assert.deepEqual(hit.map((d: { id: number }) => d.id), [1]);
        assert.deepEqual((await api.get('/api/deliveries?q=verified:invalid')).json.deliveries.map((d: { id: number }) => d.id), [7], 'facts of old deliveries too');
        assert.equal((await api.get('/api/deliveries?q=odd&limit=1')).json.total.count, 750);
        assert.deepEqual((await api.get('/api/store')).json.searchIndex, { pending: 0, total: 1500 });
        // A new delivery is searchable as soon as it is stored.
        await send(`${serve.captureUrl}/new`, { headers: ['Content-Type', 'text/plain'], body: 'fresh_arrival_42' });
        assert.deepEqual((await api.get('/api/deliveries?q=fresh_arrival_42')).json.deliveries.map((d: { id: number }) => d.id), [1501]);
      } finally {
        await serve.stop();
      }
    } finally {
      await data.remove();
    }
  });
});
