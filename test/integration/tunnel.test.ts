// The supervised localtunnel: the real `localtunnel` client against a real localtunnel server on
// loopback (test/helpers/tunnel-server.ts says which one ran), delivering into the core's capture
// listener. Public tunnel URLs (http://<id>.localtest) are never resolved: requests go to the
// server's loopback port with that Host header, as a DNS wildcard would send them.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { defaultCaptureLimits, startCaptureListener, type CaptureListener } from '../../electron/core/capture/listener.js';
import {
  createTunnelFetch,
  defaultTunnelFetch,
  TunnelSupervisor,
  type TunnelFetch,
  type TunnelFetchOptions,
  type TunnelOptions,
  type TunnelStatus,
} from '../../electron/core/tunnel/index.js';
import type { DeliverySummary } from '../../electron/contract/index.js';
import { startTestCore } from '../helpers/core.js';
import { send, type RawResponse } from '../helpers/http.js';
import { startTunnelServer, type TunnelTestServer } from '../helpers/tunnel-server.js';

/** Polls until `predicate` holds; fails with `what` after `timeoutMs`. */
async function waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function waitForStatus(supervisor: TunnelSupervisor, predicate: (s: TunnelStatus) => boolean, timeoutMs: number, what: string): Promise<TunnelStatus> {
  return waitFor(() => predicate(supervisor.status()), timeoutMs, `${what} (last status: ${JSON.stringify(supervisor.status())})`).then(() => supervisor.status());
}

/** Errors nobody handled: the supervisor must leave none behind. */
const unhandled: unknown[] = [];
const onUnhandled = (error: unknown) => unhandled.push(error);

/** A local HTTP server that records what the tunnel brings and answers the supervisor's self-checks. */
interface Recorder {
  port: number;
  requests: { method: string; url: string; headers: string[]; body: Buffer }[];
  supervisor: TunnelSupervisor;
  close(): Promise<void>;
}

async function startRecorder(supervisor: TunnelSupervisor): Promise<Recorder> {
  const requests: Recorder['requests'] = [];
  const server: Server = createServer((req, res) => {
    const check = supervisor.selfCheckResponse(req.method, req.url);
    if (check) {
      res.writeHead(check.status, check.headers.flat());
      res.end(check.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.rawHeaders, body: Buffer.concat(chunks) });
      res.end('recorded');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    supervisor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('tunnel: supervised localtunnel against a real tunnel server on loopback', () => {
  let server: TunnelTestServer;
  const supervisors: TunnelSupervisor[] = [];
  const cleanups: (() => Promise<void>)[] = [];

  /** Options every test shares: the test server, its loopback routing, short timers. */
  const base = (overrides: Partial<TunnelOptions> & { localPort: number }): TunnelOptions => ({
    host: server.url,
    fetch: server.fetch,
    openTimeoutMs: 5_000,
    selfCheckIntervalMs: 0,
    backoff: { initialMs: 200, maxMs: 1_000 },
    ...overrides,
  });

  const supervisor = () => {
    const s = new TunnelSupervisor();
    supervisors.push(s);
    return s;
  };

  /** Sends a request to a public tunnel URL through the tunnel server. */
  const deliver = (publicUrl: string, headers: string[], body: Buffer | string): Promise<RawResponse> => {
    const target = server.route(publicUrl);
    return send(target.url, { headers: ['Host', target.host, ...headers], body });
  };

  before(async () => {
    process.on('unhandledRejection', onUnhandled);
    process.on('uncaughtException', onUnhandled);
    server = await startTunnelServer();
    console.log(`tunnel server used: ${server.kind}: ${server.description}`);
  });

  after(async () => {
    for (const s of supervisors) await s.stop();
    for (const cleanup of cleanups) await cleanup();
    await server?.kill();
    // Late socket errors of closed clients surface on the next turns: give them a moment.
    await new Promise((r) => setTimeout(r, 200));
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
    assert.deepEqual(unhandled, [], 'no unhandled error event or rejection');
  });

  describe('through the core capture listener (viaTunnel)', () => {
    let rawOf: (id: number) => { body: Buffer; url: string; headers: Array<[string, string]> };
    let capture: CaptureListener;
    let tunnel: TunnelSupervisor;
    let publicUrl: string;
    const stored: DeliverySummary[] = [];

    before(async () => {
      // The real core, and a second listener fed by its delivery pipeline, marked as tunnel traffic.
      const core = await startTestCore();
      core.core.events.subscribe((message) => {
        if (message.event === 'delivery.stored') stored.push(message.data as DeliverySummary);
      });
      capture = await startCaptureListener({ host: '127.0.0.1', port: 0, limits: defaultCaptureLimits, viaTunnel: true }, core.core.intake);
      rawOf = (id) => {
        const d = core.core.api['deliveries.get']({ id });
        return { body: Buffer.from(d.body, 'base64'), url: d.url, headers: d.headers };
      };
      cleanups.push(async () => {
        await capture.close();
        await core.stop();
      });
      tunnel = supervisor();
      const status = await tunnel.start(base({ localPort: capture.port, subdomain: 'hookscope-capture' }));
      assert.equal(status.state, 'connected', status.lastError ?? '');
      publicUrl = status.url!;
      assert.equal(publicUrl, `http://hookscope-capture.${server.domain}`);
    });

    after(() => tunnel.stop());

    const roundTrip = async (path: string, headers: string[], body: Buffer) => {
      const before = stored.length;
      const res = await deliver(`${publicUrl}${path}`, headers, body);
      assert.equal(res.status, 200, res.body.toString());
      await waitFor(() => stored.length > before, 5_000, 'the delivery to be stored');
      const summary = stored.at(-1)!;
      assert.equal(summary.viaTunnel, true, 'marked as tunnel traffic');
      const raw = rawOf(summary.id);
      assert.ok(raw.body.equals(body), `${path}: the stored body is byte-exact (${raw.body.length} of ${body.length} bytes)`);
      assert.equal(raw.url, path);
      return raw;
    };

    it('JSON arrives byte-exact, with the public Host', async () => {
      const json = Buffer.from(JSON.stringify({ id: 'evt_1', type: 'invoice.paid', amount: 4200, note: 'naïve ✓ — 日本' }));
      const raw = await roundTrip('/default/json', ['Content-Type', 'application/json'], json);
      // The tunnel server re-sends headers with Node's http client: names lowercased (see TUNNEL_LIMITS).
      assert.ok(raw.headers.some(([n, v]) => n.toLowerCase() === 'host' && v === `hookscope-capture.${server.domain}`));
    });

    it('the tunnel server lowercases header names and merges duplicates (TUNNEL_LIMITS "headers-rewritten")', async () => {
      const raw = await roundTrip('/default/headers', ['X-Dup', 'one', 'X-Case-Kept', 'Value', 'x-dup', 'two'], Buffer.from('{}'));
      const sent = raw.headers.filter(([n]) => n.toLowerCase().startsWith('x-'));
      assert.deepEqual(sent, [
        ['x-dup', 'one, two'],
        ['x-case-kept', 'Value'],
      ]);
    });

    it('random binary arrives byte-exact', async () => {
      await roundTrip('/default/binary', ['Content-Type', 'application/octet-stream'], randomBytes(256 * 1024));
    });

    it('a gzip body arrives as sent, not decoded', async () => {
      const json = JSON.stringify({ event: 'job.completed', data: 'x'.repeat(20_000), bytes: randomBytes(512).toString('base64') });
      const gz = gzipSync(json);
      const raw = await roundTrip('/default/gzip', ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'], gz);
      assert.equal(gunzipSync(raw.body).toString(), json);
    });

    it('5 MiB arrive byte-exact', async () => {
      const body = randomBytes(5 * 1024 * 1024);
      const raw = await roundTrip('/default/large', ['Content-Type', 'application/octet-stream'], body);
      assert.equal(createHash('sha256').update(raw.body).digest('hex'), createHash('sha256').update(body).digest('hex'));
    });
  });

  it('self-checks pass through the public URL and never reach the capture handler', async () => {
    const tunnel = supervisor();
    const recorder = await startRecorder(tunnel);
    cleanups.push(() => recorder.close());
    let passed = 0;
    const counting: TunnelFetch = async (url, init) => {
      const res = await server.fetch(url, init);
      if (url.includes('/__hookscope/tunnel-check/') && res.status === 200) passed++;
      return res;
    };
    const status = await tunnel.start(base({ localPort: recorder.port, subdomain: 'hookscope-check', fetch: counting, selfCheckIntervalMs: 150 }));
    assert.equal(status.state, 'connected', status.lastError ?? '');
    await waitFor(() => passed >= 3, 5_000, 'three self-checks to pass');
    assert.equal(tunnel.status().state, 'connected');
    assert.deepEqual(recorder.requests, [], 'self-checks are answered before capture');

    // A guessed check path is not a self-check: it is captured like any request.
    const res = await deliver(`${status.url}/__hookscope/tunnel-check/0123456789abcdef0123456789abcdef`, [], 'x');
    assert.equal(res.body.toString(), 'recorded');
    assert.equal(recorder.requests.length, 1);
    await tunnel.stop();
  });

  it('kill the tunnel server and restart it on the same port: reconnecting, then connected within 5 s, then deliveries arrive', async () => {
    const tunnel = supervisor();
    const recorder = await startRecorder(tunnel);
    cleanups.push(() => recorder.close());
    const states: string[] = [];
    tunnel.on('status', (s) => states.push(s.state));
    const first = await tunnel.start(base({ localPort: recorder.port, subdomain: 'hookscope-restart' }));
    assert.equal(first.state, 'connected', first.lastError ?? '');

    await server.kill();
    const down = await waitForStatus(tunnel, (s) => s.state === 'reconnecting', 5_000, 'reconnecting after the server died');
    assert.ok(down.lastError, 'the reason is reported');
    assert.equal(down.url, first.url, 'the URL is kept while reconnecting');
    await new Promise((r) => setTimeout(r, 300));

    await server.restart();
    const restartedAt = Date.now();
    const again = await waitForStatus(tunnel, (s) => s.state === 'connected', 5_000, 'connected within 5 s of the restart');
    console.log(`reconnected ${Date.now() - restartedAt} ms after the restart`);
    assert.equal(again.url, first.url, 'the same subdomain was asked for and granted');
    assert.equal(again.urlChanged, false);
    assert.equal(again.lastError, null);

    const body = randomBytes(4096);
    const res = await deliver(`${again.url}/after-restart`, ['Content-Type', 'application/octet-stream'], body);
    assert.equal(res.status, 200);
    assert.equal(recorder.requests.length, 1);
    assert.ok(recorder.requests[0]!.body.equals(body));
    assert.deepEqual(states.slice(0, 3), ['connecting', 'connected', 'reconnecting']);
    assert.equal(states.at(-1), 'connected');
    assert.ok(!states.includes('down'), `re-opens against the refused port were retried, not given up: ${states.join(' → ')}`);
    await tunnel.stop();
  });

  it('a taken subdomain: connected on another URL, and the status says the URL changed', async () => {
    const holder = supervisor();
    const holderRecorder = await startRecorder(holder);
    cleanups.push(() => holderRecorder.close());
    const held = await holder.start(base({ localPort: holderRecorder.port, subdomain: 'hookscope-taken' }));
    assert.equal(held.state, 'connected', held.lastError ?? '');

    const tunnel = supervisor();
    const recorder = await startRecorder(tunnel);
    cleanups.push(() => recorder.close());
    const status = await tunnel.start(base({ localPort: recorder.port, subdomain: 'hookscope-taken' }));
    assert.equal(status.state, 'connected', status.lastError ?? '');
    assert.notEqual(status.url, held.url);
    assert.equal(status.urlChanged, true);
    assert.equal(status.previousUrl, held.url, 'previousUrl is the URL asked for');
    assert.notEqual(status.subdomain, 'hookscope-taken');

    const res = await deliver(`${status.url}/moved`, [], 'to the new URL');
    assert.equal(res.status, 200);
    assert.equal(recorder.requests.at(-1)?.body.toString(), 'to the new URL');
    assert.equal(holderRecorder.requests.length, 0);
    await tunnel.stop();
    await holder.stop();
  });

  it('a subdomain taken while reconnecting: the new URL is reported with the previous one', async () => {
    // Negotiations wait at a gate, so the subdomain is taken before the supervisor asks again.
    let gate: Promise<void> = Promise.resolve();
    let openGate = () => undefined as void;
    const gated: TunnelFetch = async (url, init) => {
      if (url.startsWith(server.url)) await gate;
      return server.fetch(url, init);
    };
    const tunnel = supervisor();
    const recorder = await startRecorder(tunnel);
    cleanups.push(() => recorder.close());
    const first = await tunnel.start(base({ localPort: recorder.port, subdomain: 'hookscope-moved', fetch: gated, openTimeoutMs: 10_000 }));
    assert.equal(first.state, 'connected', first.lastError ?? '');

    gate = new Promise<void>((resolve) => (openGate = resolve));
    await server.restart();
    await waitForStatus(tunnel, (s) => s.state === 'reconnecting', 5_000, 'reconnecting');
    const thief = supervisor();
    const thiefRecorder = await startRecorder(thief);
    cleanups.push(() => thiefRecorder.close());
    const stolen = await thief.start(base({ localPort: thiefRecorder.port, subdomain: 'hookscope-moved' }));
    assert.equal(stolen.url, first.url, 'someone else now holds the old URL');
    openGate();

    const moved = await waitForStatus(tunnel, (s) => s.state === 'connected', 8_000, 'connected on a new URL');
    assert.notEqual(moved.url, first.url);
    assert.equal(moved.urlChanged, true);
    assert.equal(moved.previousUrl, first.url);
    await thief.stop();
    await tunnel.stop();
  });

  it('a self-check that keeps failing marks the tunnel dead; it is re-opened on the same URL', async () => {
    let sabotage = false;
    const fetch: TunnelFetch = async (url, init) => {
      if (sabotage && url.includes('/__hookscope/tunnel-check/')) return { status: 200, body: '<html>reminder page</html>' };
      return server.fetch(url, init);
    };
    const tunnel = supervisor();
    const recorder = await startRecorder(tunnel);
    cleanups.push(() => recorder.close());
    const first = await tunnel.start(
      base({
        localPort: recorder.port,
        subdomain: 'hookscope-selfcheck',
        fetch,
        selfCheckIntervalMs: 100,
        // Past the server's 1 s grace for a tunnel whose sockets closed, so the subdomain is free again.
        backoff: { initialMs: 1_500, maxMs: 3_000 },
        random: () => 1,
      }),
    );
    assert.equal(first.state, 'connected', first.lastError ?? '');
    sabotage = true;
    const dead = await waitForStatus(tunnel, (s) => s.state === 'reconnecting', 5_000, 'the failing self-check to be noticed');
    assert.match(dead.lastError ?? '', /self-check .* failed 2 times/);
    sabotage = false;
    const back = await waitForStatus(tunnel, (s) => s.state === 'connected', 6_000, 'connected again');
    assert.equal(back.url, first.url);
    assert.equal(back.urlChanged, false);
    await tunnel.stop();
  });

  it('opening against a refused port ends down at once, on the first attempt, naming the cause and the next steps', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    let asked = 0;
    const counting: TunnelFetch = (url, init) => {
      asked++;
      return defaultTunnelFetch(url, init);
    };
    const tunnel = supervisor();
    const states: string[] = [];
    tunnel.on('status', (s) => states.push(s.state));
    // A long open timeout: before the fix the open retried every second until it ran out.
    const status = await tunnel.start({ host: `http://127.0.0.1:${deadPort}`, localPort: 9, openTimeoutMs: 10_000, subdomain: 'hookscope-dead', fetch: counting });
    assert.equal(status.state, 'down');
    assert.equal(asked, 1, 'one request to the server: a refused port is not retried within the open');
    assert.equal(status.errorCode, 'refused');
    assert.equal(
      status.lastError,
      `could not open a tunnel with http://127.0.0.1:${deadPort}: 127.0.0.1:${deadPort} refused the connection (ECONNREFUSED); no tunnel server is listening there`,
    );
    assert.equal(status.hints.length, 3);
    assert.match(status.hints[0]!, /Check the network and the tunnel server address/);
    assert.match(status.hints[1]!, /--tunnel-host/);
    assert.match(status.hints[2]!, /publicUrl setting/);
    assert.deepEqual(states, ['connecting', 'down']);
  });

  for (const systemCode of ['ENOTFOUND', 'EAI_AGAIN']) {
    it(`opening against a name that does not resolve (${systemCode}) ends down at once, on the first attempt`, async () => {
      // The resolver is injected: a real query for a .invalid name would still go to the
      // configured DNS server, off this machine.
      const looked: string[] = [];
      const lookup = ((hostname: string, _options: unknown, callback: (error: Error) => void) => {
        looked.push(hostname);
        callback(Object.assign(new Error(`getaddrinfo ${systemCode} ${hostname}`), { code: systemCode, syscall: 'getaddrinfo', hostname }));
      }) as unknown as NonNullable<TunnelFetchOptions['lookup']>;
      const tunnel = supervisor();
      const host = 'https://tunnel.hookscope.invalid';
      const status = await tunnel.start({ host, localPort: 9, openTimeoutMs: 10_000, fetch: createTunnelFetch({ lookup }) });
      assert.equal(status.state, 'down');
      assert.deepEqual(looked, ['tunnel.hookscope.invalid'], 'looked up once, not retried');
      assert.equal(status.errorCode, 'dns');
      assert.equal(
        status.lastError,
        `could not open a tunnel with ${host}: the name tunnel.hookscope.invalid could not be looked up (${systemCode}); this computer may be offline, or its DNS cannot resolve that name`,
      );
      assert.match(status.hints[0]!, /network connection and DNS: tunnel\.hookscope\.invalid must resolve/);
      assert.match(status.hints.join(' '), /--tunnel-host.*publicUrl setting/);
    });
  }

  it('opening against a server that never answers ends down at openTimeoutMs, not a hang', async () => {
    const sockets = new Set<Socket>();
    const silent = createTcpServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });
    const host = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;

    const tunnel = supervisor();
    const startedAt = Date.now();
    const status = await tunnel.start({ host, localPort: 9, openTimeoutMs: 1_000 });
    const elapsed = Date.now() - startedAt;
    assert.equal(status.state, 'down');
    assert.equal(status.lastError, `could not open a tunnel with ${host} within 1 s: the server did not answer`);
    assert.equal(status.errorCode, 'timeout');
    assert.match(status.hints[0]!, /did not answer in time/);
    assert.ok(elapsed >= 900 && elapsed < 2_500, `bounded by openTimeoutMs (${elapsed} ms)`);

    // stop() during an open ends it at once.
    const stopping = supervisor();
    const pending = stopping.start({ host, localPort: 9, openTimeoutMs: 30_000 });
    await new Promise((r) => setTimeout(r, 100));
    const stopAt = Date.now();
    await stopping.stop();
    const ended = await pending;
    assert.ok(Date.now() - stopAt < 500, 'start() settles right after stop()');
    assert.equal(ended.state, 'down');
    assert.equal(ended.lastError, null);
  });

  it('bad options end down at once, naming the problem', async () => {
    const tunnel = supervisor();
    const badSubdomain = await tunnel.start({ host: server.url, localPort: 9, subdomain: 'No_Such!' });
    assert.equal(badSubdomain.state, 'down');
    assert.match(badSubdomain.lastError ?? '', /invalid subdomain "No_Such!"/);
    const localHost = await tunnel.start({ host: server.url, localPort: 9, localHost: 'localhost' as never });
    assert.match(localHost.lastError ?? '', /localHost is not supported/);
    const badHost = await tunnel.start({ host: 'ftp://example', localPort: 9 });
    assert.match(badHost.lastError ?? '', /only http and https/);
  });
});
