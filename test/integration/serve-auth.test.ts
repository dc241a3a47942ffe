// How a browser and a script sign in to `serve`, run as a user runs it: the one-time code in the
// printed URL, the session cookie, the stable token file, and the data folder's file modes.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startControlServer, type ControlServer } from '../../electron/serve/control-server.js';
import { SIGN_IN_CODE_TTL_MS } from '../../electron/serve/sessions.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { send } from '../helpers/http.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The session cookie a response set, as `name=value` for a Cookie header, with its attributes. */
function sessionCookieOf(setCookie: string | string[] | undefined): { pair: string; attributes: string[] } | null {
  const line = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  if (!line) return null;
  const [pair, ...attributes] = line.split(';').map((part) => part.trim());
  return { pair: pair!, attributes };
}

function get(url: string, headers: string[]) {
  return send(url, { method: 'GET', headers });
}

describe('serve: signing a browser in', () => {
  let serve: ServeProcess;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let host: string;
  let origin: string;
  before(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    host = new URL(serve.uiUrl).host;
    origin = serve.uiUrl;
  });
  /** The printed code is spent by the first test: later ones sign in as the token screen does. */
  async function sessionByToken(): Promise<string> {
    const res = await send(`${serve.uiUrl}/api/session`, {
      headers: ['Host', host, 'Origin', origin, 'Content-Type', 'application/json'],
      body: JSON.stringify({ token: serve.token }),
    });
    assert.equal(res.status, 204);
    return sessionCookieOf(res.headers['set-cookie'])!.pair;
  }
  after(async () => {
    await serve.stop();
    await data.remove();
  });

  it('trades the printed code once for an HttpOnly, SameSite=Strict session cookie, and redirects to a URL without it', async () => {
    const first = await get(serve.inspectorUrl, ['Host', host]);
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/', 'the URL left in the address bar and history carries nothing');
    const cookie = sessionCookieOf(first.headers['set-cookie']);
    assert.ok(cookie, 'a session cookie');
    assert.match(cookie.pair, /^hookscope-session-\d+=[\w-]{43}$/);
    for (const attribute of ['HttpOnly', 'SameSite=Strict', 'Path=/api']) assert.ok(cookie.attributes.includes(attribute), attribute);
    assert.ok(!cookie.pair.includes(serve.token) && !cookie.pair.includes(new URL(serve.inspectorUrl).searchParams.get('code')!));

    const again = await get(serve.inspectorUrl, ['Host', host]);
    assert.equal(again.status, 303);
    assert.equal(again.headers['set-cookie'], undefined, 'the code is spent: the history entry holds no usable credential');

    const api = await get(`${serve.uiUrl}/api/deliveries`, ['Host', host, 'Cookie', cookie.pair, 'Sec-Fetch-Site', 'same-origin']);
    assert.equal(api.status, 200);
    const session = await get(`${serve.uiUrl}/api/session`, ['Host', host, 'Cookie', cookie.pair]);
    assert.deepEqual(JSON.parse(session.body.toString()), { signedIn: true, via: 'session' });
  });

  it('refuses a session cookie with a foreign Origin, from another site, or on a write without Origin', async () => {
    const cookie = await sessionByToken();
    const url = `${serve.uiUrl}/api/endpoints`;
    const write = JSON.stringify({ slug: 'csrf' });
    const cases: Array<[string, string[], string, number]> = [
      ['foreign Origin', ['Origin', 'http://attacker.example'], 'GET', 403],
      ['another port of 127.0.0.1', ['Origin', 'http://127.0.0.1:3000', 'Sec-Fetch-Site', 'same-site'], 'POST', 403],
      ['cross-site, no Origin (an <img> or <script>)', ['Sec-Fetch-Site', 'cross-site'], 'GET', 401],
      ['a write without Origin', [], 'POST', 401],
    ];
    for (const [name, headers, method, status] of cases) {
      const res = await send(url, {
        method,
        headers: ['Host', host, 'Cookie', cookie, 'Content-Type', 'application/json', ...headers],
        body: method === 'POST' ? write : undefined,
      });
      assert.equal(res.status, status, name);
    }
    const list = await get(url, ['Host', host, 'Cookie', cookie]);
    assert.ok(!JSON.parse(list.body.toString()).endpoints.some((e: { slug: string }) => e.slug === 'csrf'), 'no forged write got through');
    const ours = await send(url, { method: 'POST', headers: ['Host', host, 'Origin', origin, 'Cookie', cookie, 'Content-Type', 'application/json'], body: write });
    assert.equal(ours.status, 201, 'the page itself may write');
  });

  it('streams events to a session cookie (the page reads the stream with fetch, no header of its own)', async () => {
    const cookie = await sessionByToken();
    const controller = new AbortController();
    const stream = await fetch(`${serve.uiUrl}/api/events`, { headers: { Cookie: cookie }, signal: controller.signal });
    assert.equal(stream.status, 200);
    assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
    controller.abort();
    const without = await fetch(`${serve.uiUrl}/api/events`);
    assert.equal(without.status, 401);
  });

  it('signs in by the token posted in a body, never by a token in the URL', async () => {
    const post = (body: unknown) =>
      send(`${serve.uiUrl}/api/session`, { headers: ['Host', host, 'Origin', origin, 'Content-Type', 'application/json'], body: JSON.stringify(body) });
    const wrong = await post({ token: `${serve.token}x` });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.headers['set-cookie'], undefined);
    assert.equal((await post({})).status, 401);
    const right = await post({ token: serve.token });
    assert.equal(right.status, 204);
    const cookie = sessionCookieOf(right.headers['set-cookie'])!;
    assert.ok(cookie.attributes.includes('HttpOnly') && cookie.attributes.includes('SameSite=Strict'));
    assert.equal((await get(`${serve.uiUrl}/api/deliveries`, ['Host', host, 'Cookie', cookie.pair])).status, 200);
    for (const path of [`/api/deliveries?token=${serve.token}`, `/signin?token=${serve.token}`, `/signin?code=${serve.token}`]) {
      const res = await get(`${serve.uiUrl}${path}`, ['Host', host]);
      assert.ok(res.status === 401 || (res.status === 303 && res.headers['set-cookie'] === undefined), path);
    }
  });

  it('signs a browser out', async () => {
    const cookie = await sessionByToken();
    const out = await send(`${serve.uiUrl}/api/session`, { method: 'DELETE', headers: ['Host', host, 'Origin', origin, 'Cookie', cookie] });
    assert.equal(out.status, 204);
    assert.equal((await get(`${serve.uiUrl}/api/session`, ['Host', host, 'Cookie', cookie])).status, 401);
  });
});

describe('control server: sign-in codes expire', () => {
  let test: TestCore;
  let control: ControlServer;
  let now = 1_000_000;
  before(async () => {
    test = await startTestCore();
    control = await startControlServer(test.core, { port: 0, token: 'expiry-test-token', rendererDir: null, now: () => now });
  });
  after(async () => {
    await control.close();
    await test.stop();
  });

  it('refuses a code used after its two minutes, and keeps working for a fresh one', async () => {
    const stale = control.signInUrl();
    now += SIGN_IN_CODE_TTL_MS;
    const late = await fetch(stale, { redirect: 'manual' });
    assert.equal(late.status, 303);
    assert.deepEqual(late.headers.getSetCookie(), []);
    const fresh = await fetch(control.signInUrl(), { redirect: 'manual' });
    assert.equal(fresh.headers.getSetCookie().length, 1);
  });
});

describe('serve: the API token', () => {
  it('is created once in the data folder (0600), never printed, and stays the same across restarts', async () => {
    const data = await makeDataDir();
    try {
      const first = await startServe(data.dir, [], null);
      assert.equal(first.tokenFile, join(data.dir, 'api-token'));
      assert.equal(modeOf(first.tokenFile!), 0o600);
      assert.match(first.token, /^[\w-]{43}$/);
      assert.ok(!first.output().includes(first.token), 'the token is not in the banner');
      await first.stop();
      const second = await startServe(data.dir, [], null);
      try {
        assert.equal(second.token, first.token);
        assert.doesNotMatch(second.output(), /created now/);
        const res = await fetch(`${second.uiUrl}/api/deliveries`, { headers: { Authorization: `Bearer ${first.token}` } });
        assert.equal(res.status, 200, "a script's token works after a restart");
      } finally {
        await second.stop();
      }
    } finally {
      await data.remove();
    }
  });

  it('is overridden by --token, which is never printed nor written down', async () => {
    const data = await makeDataDir();
    try {
      const stored = 'stored-token-0123456789';
      writeFileSync(join(data.dir, 'api-token'), `${stored}\n`, { mode: 0o644 });
      const given = 'given-token-0123456789';
      const serve = await startServe(data.dir, [], given);
      try {
        assert.ok(!serve.output().includes(given));
        assert.match(serve.output(), /Token: +the --token you gave/);
        const bearer = (token: string) => fetch(`${serve.uiUrl}/api/deliveries`, { headers: { Authorization: `Bearer ${token}` } });
        assert.equal((await bearer(given)).status, 200);
        assert.equal((await bearer(stored)).status, 401, 'the file token does not work beside --token');
        assert.equal(readFileSync(join(data.dir, 'api-token'), 'utf8'), `${stored}\n`);
      } finally {
        await serve.stop();
      }
    } finally {
      await data.remove();
    }
  });
});

describe('serve: the data folder is private to the user', () => {
  it('creates the folder 0700 and the database, its -wal and -shm 0600', async () => {
    const data = await makeDataDir();
    try {
      const dir = join(data.dir, 'new', 'Hookscope');
      const serve = await startServe(dir, [], null);
      await send(`${serve.captureUrl}/private`, { body: 'a captured payload' });
      try {
        assert.equal(modeOf(dir), 0o700);
        for (const file of ['hookscope.db', 'hookscope.db-wal', 'hookscope.db-shm', 'api-token', 'secret.key']) {
          assert.equal(modeOf(join(dir, file)), 0o600, file);
        }
      } finally {
        await serve.stop();
      }
    } finally {
      await data.remove();
    }
  });

  it('tightens a folder, database and token file an older version left readable', async () => {
    const data = await makeDataDir();
    try {
      const dir = join(data.dir, 'old');
      mkdirSync(dir, { mode: 0o755 });
      chmodSync(dir, 0o755);
      const first = await startServe(dir, [], null);
      await first.stop();
      for (const file of ['hookscope.db', 'api-token']) chmodSync(join(dir, file), 0o644);
      chmodSync(dir, 0o755);
      const serve = await startServe(dir, [], null);
      try {
        await send(`${serve.captureUrl}/private`, { body: 'a captured payload' });
        assert.equal(modeOf(dir), 0o700);
        for (const file of ['hookscope.db', 'hookscope.db-wal', 'hookscope.db-shm', 'api-token']) assert.equal(modeOf(join(dir, file)), 0o600, file);
      } finally {
        await serve.stop();
      }
    } finally {
      await data.remove();
    }
  });
});
