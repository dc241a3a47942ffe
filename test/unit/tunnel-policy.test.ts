// The tunnel supervisor's pure rules: reading the tunnel server's answer (a third party), backoff,
// URL changes, option checks, the self-check responder, the limits shown in the UI.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backoffDelay,
  hostProblem,
  isLoopbackHost,
  isValidSubdomain,
  MAX_TUNNEL_SOCKETS,
  parseAssignment,
  TunnelServerError,
  tunnelHints,
  unreachableCause,
  unreachableMessage,
  urlChange,
  urlForSubdomain,
} from '../../electron/core/tunnel/tunnel-policy.js';
import { describeTunnelLimits, TunnelSupervisor } from '../../electron/core/tunnel/index.js';

const HOST = 'https://localtunnel.me';
const ok = (body: unknown, loopback = false) => parseAssignment(200, JSON.stringify(body), HOST, loopback);
const good = { id: 'hookscope-abc', port: 41234, max_conn_count: 10, url: 'https://hookscope-abc.loca.lt' };

describe('tunnel: the server answer', () => {
  it('takes id, port, url and socket count from a good answer', () => {
    assert.deepEqual(ok(good), { id: 'hookscope-abc', port: 41234, url: 'https://hookscope-abc.loca.lt', maxConn: 10, ip: null });
  });

  it('clamps the socket count a server asks for', () => {
    assert.equal(ok({ ...good, max_conn_count: 100_000 }).maxConn, MAX_TUNNEL_SOCKETS);
    assert.equal(ok({ ...good, max_conn_count: 0 }).maxConn, 1);
    assert.equal(ok({ ...good, max_conn_count: 'many' }).maxConn, 1);
    assert.equal(ok({ ...good, max_conn_count: undefined }).maxConn, 1);
  });

  it('refuses an ip pointing into this machine or its network, unless the server itself is local', () => {
    for (const ip of ['127.0.0.1', '10.0.0.5', '192.168.1.1', '172.20.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0']) {
      assert.equal(ok({ ...good, ip }).ip, null, ip);
    }
    assert.equal(ok({ ...good, ip: '93.184.216.34' }).ip, '93.184.216.34');
    assert.equal(ok({ ...good, ip: 'evil.example' }).ip, null, 'a name is not an ip');
    assert.equal(ok({ ...good, ip: '127.0.0.1' }, true).ip, '127.0.0.1');
  });

  it('rejects answers that are not tunnel details, as permanent errors', () => {
    const hostile: [string, unknown][] = [
      ['html landing page', '<!doctype html><html>'],
      ['null', null],
      ['no id', { ...good, id: undefined }],
      ['id with a slash', { ...good, id: '../x' }],
      ['id with a dot', { ...good, id: 'a.b' }],
      ['port as a string', { ...good, port: '41234' }],
      ['port out of range', { ...good, port: 70_000 }],
      ['port fractional', { ...good, port: 1.5 }],
      ['url javascript:', { ...good, url: 'javascript:alert(1)' }],
      ['url not a url', { ...good, url: 'not a url' }],
    ];
    for (const [name, body] of hostile) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      assert.throws(
        () => parseAssignment(200, text, HOST, false),
        (e: unknown) => e instanceof TunnelServerError && e.permanent,
        name,
      );
    }
  });

  it('a refusal carries the server message; 4xx is permanent, 5xx is worth retrying', () => {
    const invalid = JSON.stringify({ message: 'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.' });
    assert.throws(
      () => parseAssignment(403, invalid, HOST, false),
      (e: unknown) => e instanceof TunnelServerError && e.permanent && /refused the tunnel: Invalid subdomain.*\(HTTP 403\)/.test(e.message),
    );
    assert.throws(() => parseAssignment(503, '<html>busy</html>', HOST, false), (e: unknown) => e instanceof TunnelServerError && !e.permanent && /HTTP 503/.test(e.message));
    assert.throws(() => parseAssignment(429, '', HOST, false), (e: unknown) => e instanceof TunnelServerError && !e.permanent);
  });
});

describe('tunnel: backoff', () => {
  const backoff = { initialMs: 1000, maxMs: 30_000 };
  it('doubles from initialMs up to maxMs', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 50].map((n) => backoffDelay(n, backoff, () => 1)),
      [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000],
    );
  });
  it('jitters down to 80 %, never above the step', () => {
    assert.equal(backoffDelay(0, backoff, () => 0), 800);
    assert.equal(backoffDelay(10, backoff, () => 0), 24_000);
    for (let i = 0; i < 100; i++) assert.ok(backoffDelay(3, backoff) <= 8000);
  });
});

describe('tunnel: URL changes', () => {
  it('derives the URL a wanted subdomain would have had', () => {
    assert.equal(urlForSubdomain('https://fuzzy-cat-1.loca.lt', 'fuzzy-cat-1', 'hookscope-me'), 'https://hookscope-me.loca.lt');
    assert.equal(urlForSubdomain('http://abcd.localtest:8080', 'abcd', 'wanted'), 'http://wanted.localtest:8080');
    assert.equal(urlForSubdomain('https://other.host', 'abcd', 'wanted'), null);
  });

  it('reports a move against the previous connection, or against the subdomain asked for', () => {
    const assigned = { url: 'https://b.loca.lt', id: 'b' };
    assert.deepEqual(urlChange(null, assigned, null), { urlChanged: false, previousUrl: null });
    assert.deepEqual(urlChange(null, { url: 'https://want.loca.lt', id: 'want' }, 'want'), { urlChanged: false, previousUrl: null });
    assert.deepEqual(urlChange(null, assigned, 'wanted'), { urlChanged: true, previousUrl: 'https://wanted.loca.lt' });
    assert.deepEqual(urlChange('https://b.loca.lt', assigned, null), { urlChanged: false, previousUrl: null });
    assert.deepEqual(urlChange('https://a.loca.lt', assigned, null), { urlChanged: true, previousUrl: 'https://a.loca.lt' });
  });
});

describe('tunnel: options', () => {
  it('accepts the subdomains localtunnel servers accept', () => {
    for (const s of ['abcd', 'hookscope-dev', 'a1b2c3', 'x'.repeat(63)]) assert.ok(isValidSubdomain(s), s);
    for (const s of ['abc', 'Hookscope', '-abcd', 'abcd-', 'ab_cd', 'a.bcd', '', 'x'.repeat(66), '../etc']) assert.ok(!isValidSubdomain(s), s);
  });

  it('accepts http(s) tunnel servers only, without credentials', () => {
    assert.equal(hostProblem('https://localtunnel.me'), null);
    assert.equal(hostProblem('http://127.0.0.1:3000'), null);
    assert.match(hostProblem('ftp://x') ?? '', /only http and https/);
    assert.match(hostProblem('localtunnel.me') ?? '', /expected a URL/);
    assert.match(hostProblem('https://user:pw@x.example') ?? '', /credentials/);
  });

  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['localtunnel.me', '10.0.0.1', 'localhost.evil.example']) assert.ok(!isLoopbackHost(h), h);
  });
});

describe('tunnel: self-check responder', () => {
  it('answers nothing that is not a check in flight', () => {
    const supervisor = new TunnelSupervisor();
    for (const [method, url] of [
      ['GET', '/__hookscope/tunnel-check/0123456789abcdef0123456789abcdef'],
      ['GET', '/__hookscope/tunnel-check/'],
      ['POST', '/__hookscope/tunnel-check/x'],
      ['GET', '/default/anything'],
      [undefined, undefined],
    ] as const) {
      assert.equal(supervisor.selfCheckResponse(method, url), null, `${method} ${url}`);
    }
  });

  it('starts down, with a status for the UI', () => {
    const supervisor = new TunnelSupervisor({ now: () => Date.UTC(2025, 0, 2) });
    assert.deepEqual(supervisor.status(), {
      state: 'down',
      url: null,
      host: 'https://localtunnel.me',
      subdomain: null,
      since: '2025-01-02T00:00:00.000Z',
      lastError: null,
      errorCode: null,
      hints: [],
      urlChanged: false,
      previousUrl: null,
    });
  });
});

describe('tunnel: a server that cannot be reached, in words', () => {
  const withCode = (code: string, message = `x ${code}`) => Object.assign(new Error(message), { code });

  it('tells a name that does not resolve and a refused port from other failures', () => {
    const cases: Array<[unknown, ReturnType<typeof unreachableCause>]> = [
      [withCode('ENOTFOUND'), { code: 'dns', systemCode: 'ENOTFOUND' }],
      [withCode('EAI_AGAIN'), { code: 'dns', systemCode: 'EAI_AGAIN' }],
      [withCode('EAI_FAIL'), { code: 'dns', systemCode: 'EAI_FAIL' }],
      [withCode('ECONNREFUSED'), { code: 'refused', systemCode: 'ECONNREFUSED' }],
      // Node tries every address of a name in turn and reports them together.
      [new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], ''), { code: 'refused', systemCode: 'ECONNREFUSED' }],
      // localtunnel's own socket error has words, no code; the supervisor wraps it with a cause.
      [new Error('the tunnel connection to the server failed', { cause: new Error('connection refused: 1.2.3.4:5 (check your firewall settings)') }), { code: 'refused', systemCode: 'ECONNREFUSED' }],
      [withCode('ECONNRESET'), null],
      [withCode('ETIMEDOUT'), null],
      [new TunnelServerError('refused', true), null],
      ['ENOTFOUND', null],
      [null, null],
    ];
    for (const [error, expected] of cases) assert.deepEqual(unreachableCause(error), expected, String(error));
  });

  it('names the cause in words, with the address', () => {
    assert.equal(
      unreachableMessage('https://localtunnel.me', { code: 'dns', systemCode: 'ENOTFOUND' }),
      'could not open a tunnel with https://localtunnel.me: the name localtunnel.me could not be looked up (ENOTFOUND); this computer may be offline, or its DNS cannot resolve that name',
    );
    assert.equal(
      unreachableMessage('https://tunnel.example', { code: 'refused', systemCode: 'ECONNREFUSED' }),
      'could not open a tunnel with https://tunnel.example: tunnel.example:443 refused the connection (ECONNREFUSED); no tunnel server is listening there',
    );
  });

  it('offers next steps for every failure to open: the network, a self-hosted server, your own public URL', () => {
    for (const code of ['dns', 'refused', 'timeout', 'server'] as const) {
      const hints = tunnelHints(code, 'https://localtunnel.me');
      assert.equal(hints.length, 3, code);
      assert.match(hints[1]!, /self-hosted localtunnel server: start serve with --tunnel-host/);
      assert.match(hints[2]!, /own tunnel .* publicUrl setting/);
    }
    assert.match(tunnelHints('dns', 'https://localtunnel.me')[0]!, /network connection and DNS: localtunnel\.me must resolve/);
    assert.deepEqual(tunnelHints(null, 'https://localtunnel.me'), [], 'a dropped tunnel is retried: no steps to take');
  });
});

describe('tunnel: limits for the UI', () => {
  it('lists what breaks webhooks through a public tunnel server', () => {
    const ids = describeTunnelLimits().map((l) => l.id);
    for (const id of ['reminder-page', 'request-size', 'https-only', 'headers-rewritten', 'cleartext-hop'] as const) assert.ok(ids.includes(id), id);
    for (const limit of describeTunnelLimits()) assert.ok(limit.title && limit.detail.length > 40, limit.id);
  });
});
