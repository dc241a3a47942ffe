// `hookscope serve` run as a user runs it: the automation API, its guard, the event stream.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { controlClient, send, sendRaw } from '../helpers/http.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

/** A GET with full control of Host and Origin (fetch would not let us forge Host). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('serve: automation API', () => {
  let serve: ServeProcess;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let api: ReturnType<typeof controlClient>;
  before(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    api = controlClient(serve.uiUrl, serve.token);
  });
  after(async () => {
    await serve.stop();
    await data.remove();
  });

  it('prints the capture URL and an inspector URL that carries a sign-in code, not the token', () => {
    assert.match(serve.captureUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    const inspector = new URL(serve.inspectorUrl);
    assert.equal(inspector.hostname, '127.0.0.1');
    assert.equal(inspector.pathname, '/signin');
    assert.match(inspector.searchParams.get('code') ?? '', /^[\w-]{43}$/);
    assert.equal(inspector.hash, '');
    assert.ok(!serve.output().includes(serve.token), 'the --token given is never printed');
  });

  it('refuses a missing token, a wrong token, a foreign Host and a foreign Origin', async () => {
    const url = `${serve.uiUrl}/api/deliveries`;
    const host = new URL(serve.uiUrl).host;
    const bearer = `Bearer ${serve.token}`;
    const cases: Array<[string, Record<string, string>, number]> = [
      ['no token', { Host: host }, 401],
      ['wrong token', { Host: host, Authorization: 'Bearer not-the-token-at-all' }, 401],
      ['token as a prefix', { Host: host, Authorization: `Bearer ${serve.token}x` }, 401],
      ['basic auth', { Host: host, Authorization: `Basic ${Buffer.from(`u:${serve.token}`).toString('base64')}` }, 401],
      ['foreign Host (DNS rebinding)', { Host: `attacker.example:${new URL(serve.uiUrl).port}`, Authorization: bearer }, 403],
      ['loopback name on another port', { Host: '127.0.0.1:1', Authorization: bearer }, 403],
      ['foreign Origin', { Host: host, Origin: 'https://attacker.example', Authorization: bearer }, 403],
      ['null Origin', { Host: host, Origin: 'null', Authorization: bearer }, 403],
      ['look-alike Origin', { Host: host, Origin: `http://${host}.attacker.example`, Authorization: bearer }, 403],
    ];
    for (const [name, headers, status] of cases) {
      const res = await rawGet(url, headers);
      assert.equal(res.status, status, name);
      const { error } = JSON.parse(res.body) as { error: { code: string; message: string } };
      assert.equal(error.code, status === 401 ? 'unauthorized' : 'forbidden', name);
    }
    const ok = await rawGet(url, { Host: host, Origin: serve.uiUrl, Authorization: bearer });
    assert.equal(ok.status, 200);
    const viaLocalhost = await rawGet(url, { Host: `localhost:${new URL(serve.uiUrl).port}`, Authorization: bearer });
    assert.equal(viaLocalhost.status, 200);
  });

  it('has no control API on the capture port: /api there is just another delivery', async () => {
    const res = await send(`${serve.captureUrl}/api/deliveries`, { method: 'GET', headers: ['Authorization', `Bearer ${serve.token}`] });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body.toString()), { received: true });
    const { json } = await api.get('/api/deliveries?limit=1');
    assert.equal(json.deliveries[0].path, '/api/deliveries');
    assert.equal(json.deliveries[0].endpoint, 'default');
  });

  it('manages endpoints: create, list, update, delete, with JSON errors', async () => {
    const created = await api.post('/api/endpoints', {
      slug: 'pdfg',
      name: 'PDF Gorilla',
      response: { status: 204, headers: [], body: '', delayMs: 0 },
    });
    assert.equal(created.status, 201);
    assert.equal(created.json.slug, 'pdfg');
    assert.equal(created.json.response.status, 204);

    assert.equal((await api.post('/api/endpoints', { slug: 'pdfg' })).status, 409);
    const bad = await api.post('/api/endpoints', { slug: '../etc' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_argument');
    assert.match(bad.json.error.message, /slug/);
    assert.equal((await api.post('/api/endpoints', { slug: 'x', response: { status: 99 } })).status, 400);
    assert.equal((await api.post('/api/endpoints', { slug: 'x', extra: true })).status, 400);
    assert.equal((await api.post('/api/endpoints', { slug: 'x', response: { headers: [['Bad Name', 'v']] } })).status, 400);
    assert.equal((await api.post('/api/endpoints', { slug: 'x', response: { headers: [['X-A', 'v\r\nInjected: 1']] } })).status, 400);

    const list = await api.get('/api/endpoints');
    assert.deepEqual(list.json.endpoints.map((e: { slug: string }) => e.slug), ['default', 'pdfg']);

    const patched = await api.patch('/api/endpoints/pdfg', { response: { status: 202 } });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.response.status, 202);
    assert.equal(patched.json.name, 'PDF Gorilla', 'a patch keeps what it does not name');
    const res = await send(`${serve.captureUrl}/pdfg`, { body: '{}' });
    assert.equal(res.status, 202, 'the capture listener uses the new rule at once');

    assert.equal((await api.patch('/api/endpoints/nope', { name: 'x' })).status, 404);
    assert.equal((await api.del('/api/endpoints/default')).status, 400);
    assert.equal((await api.del('/api/endpoints/pdfg')).status, 200);
    assert.equal((await api.get('/api/endpoints')).json.endpoints.length, 1);
  });

  it('lists, reads, serves raw and deletes deliveries', async () => {
    await api.post('/api/endpoints', { slug: 'bin' });
    const body = randomBytes(4096);
    await send(`${serve.captureUrl}/bin/file?name=a.pdf`, { headers: ['Content-Type', 'application/pdf', 'X-Trace', '1'], body });
    await send(`${serve.captureUrl}/elsewhere`, { body: 'x' });

    const page = await api.get('/api/deliveries?endpoint=bin&limit=5');
    assert.equal(page.status, 200);
    assert.equal(page.json.deliveries.length, 1);
    const summary = page.json.deliveries[0];
    for (const key of ['id', 'endpoint', 'receivedAt', 'method', 'path', 'bodySize', 'contentType', 'responseStatus']) {
      assert.ok(key in summary, `summary has ${key}`);
    }
    assert.equal(summary.bodySize, 4096);

    const detail = await api.get(`/api/deliveries/${summary.id}`);
    assert.equal(detail.json.url, '/bin/file?name=a.pdf');
    assert.ok(!Number.isNaN(Date.parse(detail.json.receivedAt)));
    assert.deepEqual(detail.json.headers.find((h: string[]) => h[0] === 'X-Trace'), ['X-Trace', '1']);
    assert.ok(Buffer.from(detail.json.body, 'base64').equals(body));
    assert.equal(detail.json.rejected, null);
    assert.equal(detail.json.response.status, 200);

    const raw = await fetch(`${serve.uiUrl}/api/deliveries/${summary.id}/raw`, { headers: { Authorization: `Bearer ${serve.token}` } });
    assert.equal(raw.headers.get('content-type'), 'application/pdf');
    assert.match(raw.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.ok(Buffer.from(await raw.arrayBuffer()).equals(body));

    assert.equal((await api.get('/api/deliveries/999999')).status, 404);
    assert.equal((await api.get('/api/deliveries/abc')).status, 400);
    assert.equal((await api.get('/api/deliveries?endpoint=nope')).status, 404);
    assert.equal((await api.get('/api/deliveries?limit=0')).status, 400);

    assert.equal((await api.del(`/api/deliveries/${summary.id}`)).status, 200);
    assert.equal((await api.get(`/api/deliveries/${summary.id}`)).status, 404);
    const cleared = await api.del('/api/deliveries?endpoint=bin');
    assert.deepEqual(cleared.json, { deleted: 0 });
    assert.ok((await api.del('/api/deliveries')).json.deleted >= 1);
    assert.equal((await api.get('/api/deliveries')).json.deliveries.length, 0);
  });

  it('answers bad requests with a JSON error and the fitting status', async () => {
    const invalidJson = await fetch(`${serve.uiUrl}/api/endpoints`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
      body: '{"slug": ',
    });
    assert.equal(invalidJson.status, 400);
    assert.match(((await invalidJson.json()) as { error: { message: string } }).error.message, /not valid JSON/);
    const wrongVerb = await api.call('PUT', '/api/endpoints');
    assert.equal(wrongVerb.status, 405);
    assert.equal((await api.get('/api/nothing-here')).status, 404);
  });

  it('streams delivery.stored events as they happen', async () => {
    const controller = new AbortController();
    const response = await fetch(`${serve.uiUrl}/api/events`, {
      headers: { Authorization: `Bearer ${serve.token}` },
      signal: controller.signal,
    });
    assert.equal(response.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = response.body!.getReader();
    await send(`${serve.captureUrl}/evented?n=1`, { body: '{"id":"evt_1"}' });
    let text = '';
    while (!text.includes('"/evented"')) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString();
    }
    controller.abort();
    const record = text.split('\n\n').find((r) => r.startsWith('event: delivery.stored'))!;
    const summary = JSON.parse(record.split('\n')[1]!.slice('data: '.length)) as { path: string; query: string; bodySize: number };
    assert.equal(summary.path, '/evented');
    assert.equal(summary.query, 'n=1');
    assert.equal(summary.bodySize, 14);
    const unauthorized = await fetch(`${serve.uiUrl}/api/events`);
    assert.equal(unauthorized.status, 401);
  });

  it('serves the inspector UI with a strict CSP and refuses path traversal', async () => {
    const page = await fetch(`${serve.uiUrl}/`);
    assert.equal(page.status, 200);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(await page.text(), /<div id="root">/);
    const traversal = await sendRaw(Number(new URL(serve.uiUrl).port), `GET /../../../../etc/passwd HTTP/1.1\r\nHost: ${new URL(serve.uiUrl).host}\r\nConnection: close\r\n\r\n`);
    assert.doesNotMatch(traversal, /root:x:0:0/);
    const encoded = await sendRaw(Number(new URL(serve.uiUrl).port), `GET /%2e%2e/%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: ${new URL(serve.uiUrl).host}\r\nConnection: close\r\n\r\n`);
    assert.doesNotMatch(encoded, /root:x:0:0/);
  });
});

describe('serve: lifecycle', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`closes cleanly on ${signal} and keeps what it stored`, async () => {
      const data = await makeDataDir();
      try {
        const serve = await startServe(data.dir);
        await send(`${serve.captureUrl}/kept`, { body: signal });
        assert.equal(await serve.stop(signal), 0);
        assert.match(serve.output(), new RegExp(`${signal}, closing`));
        const again = await startServe(data.dir);
        const { json } = await controlClient(again.uiUrl, again.token).get('/api/deliveries');
        assert.equal(json.deliveries[0].path, '/kept');
        await again.stop();
      } finally {
        await data.remove();
      }
    });
  }

  it('refuses bad arguments with a clear message', async () => {
    const data = await makeDataDir();
    try {
      await assert.rejects(startServe(data.dir, ['--port', 'abc']), /--port must be a port number/);
      await assert.rejects(startServe(data.dir, ['--nope']), /Unknown option '--nope'/);
    } finally {
      await data.remove();
    }
  });
});
