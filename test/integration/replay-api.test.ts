// The replay, bulk, export and import routes of `hookscope serve`, as a script or the UI calls them.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import harValidator from 'har-validator';
import { send } from '../helpers/http.js';
import type { ServeProcess } from '../helpers/serve-process.js';
import { startServeSession, type ControlClient, type ServeSession } from '../helpers/serve-session.js';
import { startTargetServer, type TargetServer } from '../helpers/target-server.js';

describe('serve: replay, bulk, export and import routes', () => {
  let session: ServeSession;
  let serve: ServeProcess;
  let api: ControlClient;
  let target: TargetServer;
  before(async () => {
    session = await startServeSession();
    ({ serve, api } = session);
    target = await startTargetServer((request) => ({ status: 202, headers: [['X-App', 'seen']], body: `got ${request.body.length}` }));
  });
  after(async () => {
    await target.close();
    await session.close();
  });

  it('POST /api/deliveries/:id/replay answers the stored attempt; GET …/replays lists it; replay.completed is streamed', async () => {
    const created = await api.post('/api/endpoints', { slug: 'app', forward: { target: target.url } });
    assert.equal(created.status, 201);
    assert.deepEqual(created.json.forward, { target: target.url, appendPath: true, relayResponse: false, timeoutMs: 30_000 }, 'defaults filled in');
    await api.patch('/api/endpoints/app', { forward: null });

    const controller = new AbortController();
    const stream = await fetch(`${serve.uiUrl}/api/events`, { headers: { Authorization: `Bearer ${serve.token}` }, signal: controller.signal });
    const reader = stream.body!.getReader();

    await send(`${serve.captureUrl}/app/orders?n=1`, { headers: ['Content-Type', 'application/json'], body: '{"order":1}' });
    const { json: page } = await api.get('/api/deliveries?endpoint=app&limit=1');
    const id = page.deliveries[0].id;
    assert.equal(page.deliveries[0].imported, false);

    const replayed = await api.post(`/api/deliveries/${id}/replay`, { target: `${target.url}/base`, mode: 'as-is' });
    assert.equal(replayed.status, 200);
    const attempt = replayed.json;
    for (const key of ['id', 'deliveryId', 'target', 'mode', 'request', 'response', 'error', 'durationMs', 'startedAt']) assert.ok(key in attempt, key);
    assert.equal(attempt.request.url, `${target.url}/base/orders?n=1`);
    assert.equal(Buffer.from(attempt.request.body, 'base64').toString(), '{"order":1}');
    assert.equal(attempt.response.status, 202);
    assert.deepEqual(attempt.response.headers.find((h: string[]) => h[0] === 'X-App'), ['X-App', 'seen']);
    assert.equal(Buffer.from(attempt.response.body, 'base64').toString(), 'got 11');

    const edited = await api.post(`/api/deliveries/${id}/replay`, {
      target: target.url,
      mode: 'edited',
      method: 'PATCH',
      headers: [['Content-Type', 'application/json'], ['X-Edited', '1']],
      body: Buffer.from('{"order":2}').toString('base64'),
    });
    assert.equal(edited.status, 200);
    assert.equal(target.received.at(-1)!.method, 'PATCH');
    assert.equal(target.received.at(-1)!.body.toString(), '{"order":2}');

    const list = await api.get(`/api/deliveries/${id}/replays`);
    assert.deepEqual(list.json.attempts.map((a: { id: number }) => a.id), [edited.json.id, attempt.id]);
    assert.equal((await api.get(`/api/replays/${attempt.id}`)).json.response.status, 202);
    assert.equal((await api.get('/api/replays/999999')).status, 404);

    let text = '';
    while (!text.includes('event: replay.completed')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    controller.abort();
    assert.match(text, /event: replay\.started/);
    const record = text.split('\n\n').find((r) => r.startsWith('event: replay.completed'))!;
    const summary = JSON.parse(record.split('\n')[1]!.slice('data: '.length)) as { id: number; request: object };
    assert.equal(summary.id, attempt.id);
    assert.ok(!('body' in summary.request), 'events carry summaries, not bodies');

    const bad = await api.post(`/api/deliveries/${id}/replay`, { target: 'ftp://nope', mode: 'as-is' });
    assert.equal(bad.status, 400);
    assert.equal((await api.post(`/api/deliveries/${id}/replay`, { target: target.url, mode: 'as-is', body: 'eA==' })).status, 400);
    assert.equal((await api.post('/api/deliveries/999999/replay', { target: target.url })).status, 404);
    assert.deepEqual((await api.post('/api/replays/cancel', { requestId: 'nothing-in-flight' })).json, { cancelled: false });
  });

  it('re-signs for header and basic endpoints with the secret on the wire, never in the returned or stored attempt', async () => {
    const token = 'hdr-secret-Q7v9zK2pX4';
    const credentials = 'hookuser:basic-pass-W3r8tY6u';
    const basic = Buffer.from(credentials).toString('base64');
    await api.post('/api/endpoints', { slug: 'hdr', verification: { scheme: 'header', secret: token, header: 'X-Hook-Token' } });
    await api.post('/api/endpoints', { slug: 'bas', verification: { scheme: 'basic', secret: credentials } });
    await send(`${serve.captureUrl}/hdr`, { headers: ['X-Hook-Token', 'not-it'], body: '{"a":1}' });
    await send(`${serve.captureUrl}/bas`, { headers: ['Authorization', 'Basic bm9wZTpub3Bl'], body: '{"b":1}' });
    const idOf = async (slug: string) => (await api.get(`/api/deliveries?endpoint=${slug}&limit=1`)).json.deliveries[0].id as number;
    const leaks = (text: string) => [token, credentials, basic, 'basic-pass-W3r8tY6u'].filter((secret) => text.includes(secret));

    for (const [slug, header, sent] of [['hdr', 'x-hook-token', token], ['bas', 'authorization', `Basic ${basic}`]] as const) {
      const id = await idOf(slug);
      const resigned = await api.post(`/api/deliveries/${id}/replay`, { target: target.url, mode: 'resigned' });
      assert.equal(resigned.status, 200, JSON.stringify(resigned.json));
      const received = target.received.at(-1)!;
      assert.equal(received.headers.find(([name]) => name.toLowerCase() === header)?.[1], sent, 'the secret goes on the wire');
      const badly = await api.post(`/api/deliveries/${id}/replay`, { target: target.url, mode: 'bad-signature' });
      assert.equal(badly.status, 200);
      for (const attempt of [resigned.json, badly.json]) {
        const shown = attempt.request.headers.find(([name]: string[]) => name.toLowerCase() === header)?.[1];
        assert.match(shown, /\[redacted: endpoint (secret|credentials)\]/, 'masked in place');
        assert.deepEqual(leaks(JSON.stringify(attempt)), [], 'replay.send result');
        assert.deepEqual(leaks(JSON.stringify((await api.get(`/api/replays/${attempt.id}`)).json)), [], 'replay.get');
        assert.deepEqual(leaks(JSON.stringify((await api.get(`/api/deliveries/${id}/replays`)).json)), [], 'replay.list');
      }
    }
    // Every byte the data folder holds (database, WAL, key file): the secret in clear is nowhere.
    const files = await readdir(session.dir);
    for (const file of files) {
      const bytes = await readFile(join(session.dir, file)).catch(() => Buffer.alloc(0));
      assert.deepEqual(leaks(bytes.toString('latin1')), [], file);
    }
  });

  it('runs a bulk job through /api/bulk', async () => {
    for (let i = 0; i < 3; i++) await send(`${serve.captureUrl}/app/bulk?i=${i}`, { body: String(i) });
    const started = await api.post('/api/bulk', { endpoint: 'app', target: target.url, concurrency: 2 });
    assert.equal(started.status, 200);
    let job = started.json;
    for (let i = 0; i < 100 && job.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      job = (await api.get(`/api/bulk/${job.id}`)).json;
    }
    assert.equal(job.state, 'completed');
    assert.equal(job.total, 4);
    assert.deepEqual({ ok: job.ok, failed: job.failed, cancelled: job.cancelled }, { ok: 4, failed: 0, cancelled: 0 });
    assert.deepEqual(job.outcomes, { '202': 4 });
  });

  it('exports HAR, renders snippets and imports through the API, with bodies beyond the 2 MiB default', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x7a);
    await send(`${serve.captureUrl}/app/big`, { headers: ['Content-Type', 'text/plain'], body: big });
    const exported = await api.post('/api/deliveries/export', { endpoint: 'app', format: 'har' });
    assert.equal(exported.status, 200);
    await harValidator.har(exported.json.document);
    const { json: page } = await api.get('/api/deliveries?endpoint=app&limit=1');
    const snippet = await api.get(`/api/deliveries/${page.deliveries[0].id}/snippet?language=shell&client=httpie&redact=false`);
    assert.equal(snippet.status, 200);
    assert.match(snippet.json.code, /\|\s+\\\n\s+http POST http:\/\/127\.0\.0\.1:\d+\/app\/big/, 'the body piped into httpie');

    await api.post('/api/endpoints', { slug: 'restored' });
    const imported = await api.post('/api/deliveries/import', { endpoint: 'restored', document: exported.json.document });
    assert.equal(imported.status, 200);
    assert.equal(imported.json.imported, exported.json.count);
    const restored = await api.get(`/api/deliveries/${imported.json.ids.at(-1)}`);
    assert.ok(Buffer.from(restored.json.body, 'base64').equals(big));
    assert.equal(restored.json.imported, true);
  });
});
