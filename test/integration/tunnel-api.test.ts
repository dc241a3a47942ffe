// The tunnel as the API drives it: the real core, the real localtunnel client, a real tunnel
// server on loopback (test/helpers/tunnel-server.ts). Deliveries through it are marked viaTunnel,
// and the public URL feeds verification of schemes that sign the URL (Twilio).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import twilio from 'twilio';
import { parseArgs, type EventMessage, type TunnelStatus } from '../../electron/contract/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';
import { startTunnelServer, type TunnelTestServer } from '../helpers/tunnel-server.js';

describe('tunnel through the core API', () => {
  let server: TunnelTestServer;
  let t: TestCore;
  const events: EventMessage[] = [];

  before(async () => {
    server = await startTunnelServer();
    t = await startTestCore({ tunnel: { fetch: server.fetch, openTimeoutMs: 5000, selfCheckIntervalMs: 0 } });
    t.core.events.subscribe((message) => events.push(message));
  });
  after(async () => {
    await t?.stop();
    await server?.kill();
  });

  async function newestVerified() {
    for (let i = 0; i < 100; i++) {
      const [summary] = t.core.api['deliveries.list']({ limit: 1 }).deliveries;
      if (summary?.verification) return t.core.api['deliveries.get']({ id: summary.id });
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no verified delivery');
  }

  it('is down until started, then connected with a public URL that the system info reports', async () => {
    assert.equal(t.core.api['tunnel.status']().state, 'down');
    const status = await t.core.api['tunnel.start']({ host: server.url, subdomain: 'hookscope-api' });
    assert.equal(status.state, 'connected', status.lastError ?? '');
    assert.equal(status.url, `http://hookscope-api.${server.domain}`);
    assert.equal(t.core.api['system.info']().publicUrl, status.url);
    const states = events.filter((e) => e.event === 'tunnel.changed').map((e) => (e.data as TunnelStatus).state);
    assert.deepEqual(states.slice(-2), ['connecting', 'connected']);
  });

  it('captures deliveries through the tunnel byte-exact and marks them viaTunnel', async () => {
    const body = randomBytes(64 * 1024);
    const target = server.route('http://hookscope-api.localtest/through/tunnel?x=1');
    const res = await send(target.url, { headers: ['Host', target.host, 'Content-Type', 'application/octet-stream'], body });
    assert.equal(res.status, 200);
    const d = await newestVerified();
    assert.equal(d.viaTunnel, true);
    assert.equal(d.url, '/through/tunnel?x=1');
    assert.ok(Buffer.from(d.body, 'base64').equals(body));

    await send(`${t.captureUrl}/direct`, { body: 'x' });
    assert.equal((await newestVerified()).viaTunnel, false, 'the direct listener is not the tunnel');
  });

  it('verifies Twilio signatures against the tunnel URL the sender called', async () => {
    const token = 'twilio-auth-token-0123456789abcdef';
    t.core.api['endpoints.create']({ slug: 'twilio', verification: { scheme: 'twilio', secret: token } });
    const params = { From: '+15550001111', Body: 'hello', MessageSid: 'SM123' };
    const publicUrl = 'http://hookscope-api.localtest/twilio/sms';
    const signature = twilio.getExpectedTwilioSignature(token, publicUrl, params);
    const target = server.route(publicUrl);
    await send(target.url, {
      headers: ['Host', target.host, 'Content-Type', 'application/x-www-form-urlencoded', 'X-Twilio-Signature', signature],
      body: new URLSearchParams(params).toString(),
    });
    const d = await newestVerified();
    assert.equal(d.verification?.scheme, 'twilio');
    assert.equal(d.verification?.status, 'valid', d.verification?.reason);
  });

  it('refuses a bad subdomain with a clear error and stops on request', async () => {
    assert.throws(() => parseArgs('tunnel.start', { host: server.url, subdomain: 'Bad_Sub' }), /subdomain/);
    assert.throws(() => parseArgs('tunnel.start', { host: 'ftp://example' }), /tunnel host/);
    const stopped = await t.core.api['tunnel.stop']();
    assert.equal(stopped.state, 'down');
    assert.equal(t.core.api['system.info']().publicUrl, null);
  });

  it('ends down with a clear error, not a hang, against a dead tunnel host', async () => {
    const started = performance.now();
    const status = await t.core.api['tunnel.start']({ host: 'http://127.0.0.1:9', subdomain: 'nobody-home' });
    assert.equal(status.state, 'down');
    assert.match(status.lastError ?? '', /127\.0\.0\.1:9 refused the connection \(ECONNREFUSED\)/);
    assert.equal(status.errorCode, 'refused');
    assert.match(status.hints.join(' '), /--tunnel-host.*publicUrl setting/);
    assert.ok(performance.now() - started < 6000);
  });
});
