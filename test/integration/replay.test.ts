// Replay through the real core: a captured delivery sent again to a real loopback target, every
// attempt stored; the providers' official libraries verify re-signed replays inside the target.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import type { EventMessage, ReplayAttemptSummary } from '../../electron/contract/index.js';
import { send } from '../helpers/http.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { deadPort, headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';

/** Sends a delivery to the capture listener and returns its id. */
async function capture(t: TestCore, path: string, headers: string[], body: Buffer | string): Promise<number> {
  const res = await send(`${t.captureUrl}${path}`, { headers, body });
  assert.equal(res.status, 200);
  return t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
}

describe('replay: as-is, edited, errors', () => {
  let t: TestCore;
  let target: TargetServer;
  before(async () => {
    t = await startTestCore();
    target = await startTargetServer();
  });
  after(async () => {
    await target.close();
    await t.stop();
  });

  it('as-is reaches the target byte-exact (binary) with the original headers in order, Host and Content-Length recomputed', async () => {
    t.core.api['endpoints.create']({ slug: 'bin' });
    const body = randomBytes(256 * 1024);
    body[0] = 0xff;
    const headers = ['Content-Type', 'application/octet-stream', 'X-Custom-CASE', 'One', 'x-dup', 'first', 'Connection', 'keep-alive', 'X-DUP', 'second', 'User-Agent', 'provider/2.0'];
    const id = await capture(t, '/bin/files/upload?name=a%20b.pdf&x=1', headers, body);
    target.received.length = 0;
    const attempt = await t.core.api['replay.send']({ id, target: `${target.url}/app`, mode: 'as-is', appendPath: true, timeoutMs: 10_000 });

    const [got] = await target.waitFor(1);
    assert.equal(got!.method, 'POST');
    assert.equal(got!.url, '/app/files/upload?name=a%20b.pdf&x=1', 'captured path after /bin and the query appended, raw');
    assert.ok(got!.body.equals(body), 'body bytes identical');
    const names = got!.headers.map(([name]) => name);
    assert.deepEqual(
      got!.headers.filter(([name]) => !['Host', 'Content-Length', 'Connection'].includes(name)),
      [['Content-Type', 'application/octet-stream'], ['X-Custom-CASE', 'One'], ['x-dup', 'first'], ['X-DUP', 'second'], ['User-Agent', 'provider/2.0']],
      'original headers in order, case and duplicates kept; hop-by-hop gone',
    );
    assert.equal(headerOf(got!.headers, 'host'), `127.0.0.1:${target.port}`);
    assert.equal(headerOf(got!.headers, 'content-length'), String(body.length));
    assert.ok(names.indexOf('Host') < names.indexOf('Content-Type'), 'Host first, where the original had it');
    assert.equal(names.filter((name) => name.toLowerCase() === 'connection').length <= 1, true);

    assert.equal(attempt.deliveryId, id);
    assert.equal(attempt.mode, 'as-is');
    assert.equal(attempt.trigger, 'manual');
    assert.equal(attempt.target, `${target.url}/app`);
    assert.equal(attempt.request.url, `${target.url}/app/files/upload?name=a%20b.pdf&x=1`);
    assert.ok(Buffer.from(attempt.request.body, 'base64').equals(body), 'the stored request body is what was sent');
    assert.deepEqual(attempt.request.headers, got!.headers.filter(([name]) => name !== 'Connection'), 'the stored headers are those sent, in order');
    assert.equal(attempt.response?.status, 200);
    assert.equal(Buffer.from(attempt.response!.body, 'base64').toString(), '{"ok":true}');
    assert.deepEqual(attempt.response?.headers.find(([n]) => n === 'Content-Type'), ['Content-Type', 'application/json']);
    assert.equal(attempt.error, null);
    assert.ok(attempt.durationMs >= 0 && attempt.durationMs < 10_000);
    assert.ok(!Number.isNaN(Date.parse(attempt.startedAt)));
  });

  it('as-is keeps a gzip body compressed and an empty GET bodiless', async () => {
    const gz = gzipSync(JSON.stringify({ event: 'x'.repeat(3000) }));
    const id = await capture(t, '/gz', ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'], gz);
    target.received.length = 0;
    await t.core.api['replay.send']({ id, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 10_000 });
    assert.ok((await target.waitFor(1))[0]!.body.equals(gz));
    assert.equal(headerOf(target.received[0]!.headers, 'content-encoding'), 'gzip');

    await send(`${t.captureUrl}/get-me?q=1`, { method: 'GET' });
    const getId = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
    target.received.length = 0;
    await t.core.api['replay.send']({ id: getId, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 10_000 });
    const [got] = await target.waitFor(1);
    assert.equal(got!.method, 'GET');
    assert.equal(got!.url, '/get-me?q=1');
    assert.equal(headerOf(got!.headers, 'content-length'), undefined);
    assert.equal(headerOf(got!.headers, 'transfer-encoding'), undefined);
  });

  it('an edited JSON replay sends the method, path, headers and body given, and stores exactly that', async () => {
    t.core.api['endpoints.create']({ slug: 'edit' });
    const id = await capture(t, '/edit/orders?v=1', ['Content-Type', 'application/json', 'X-Trace', 'a'], '{"status":"pending"}');
    target.received.length = 0;
    const edited = JSON.stringify({ status: 'completed', items: [1, 2] }, null, 2);
    const attempt = await t.core.api['replay.send']({
      id,
      target: target.url,
      mode: 'edited',
      method: 'PUT',
      path: '/orders/42?v=2',
      headers: [['Content-Type', 'application/json; charset=utf-8'], ['X-Edited', 'yes'], ['Content-Length', '1']],
      body: Buffer.from(edited).toString('base64'),
      appendPath: true,
      timeoutMs: 10_000,
    });
    const [got] = await target.waitFor(1);
    assert.equal(got!.method, 'PUT');
    assert.equal(got!.url, '/orders/42?v=2');
    assert.equal(got!.body.toString(), edited);
    assert.deepEqual(JSON.parse(got!.body.toString()), { status: 'completed', items: [1, 2] });
    assert.equal(headerOf(got!.headers, 'x-edited'), 'yes');
    assert.equal(headerOf(got!.headers, 'x-trace'), undefined, 'edited headers replace the original ones');
    assert.equal(headerOf(got!.headers, 'content-length'), String(Buffer.byteLength(edited)), 'Content-Length recomputed even when edited');
    assert.equal(attempt.mode, 'edited');
    assert.equal(Buffer.from(attempt.request.body, 'base64').toString(), edited);
    assert.equal(attempt.request.method, 'PUT');
    // The original delivery is untouched.
    assert.equal(Buffer.from(t.core.api['deliveries.get']({ id }).body, 'base64').toString(), '{"status":"pending"}');
  });

  it('refuses edits in as-is mode, and a replay with no target and no forward rule', async () => {
    const id = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
    const { parseArgs } = await import('../../electron/contract/index.js');
    assert.throws(() => parseArgs('replay.send', { id, target: target.url, mode: 'as-is', method: 'PUT' }), /edits/);
    await assert.rejects(
      Promise.resolve().then(() => t.core.api['replay.send'](parseArgs('replay.send', { id }))),
      /no target/,
    );
    await assert.rejects(
      Promise.resolve().then(() => t.core.api['replay.send'](parseArgs('replay.send', { id, target: target.url, mode: 'resigned' }))),
      /no verification secret/,
    );
  });

  it('stores a dead target, a slow one and a reset as errors, and the listener keeps serving meanwhile', async () => {
    const id = await capture(t, '/errors', ['Content-Type', 'text/plain'], 'x');
    const down = await t.core.api['replay.send']({ id, target: `http://127.0.0.1:${await deadPort()}`, mode: 'as-is', appendPath: true, timeoutMs: 5_000 });
    assert.equal(down.response, null);
    assert.equal(down.error?.code, 'connection_refused');

    target.handler = () => 'hang';
    const started = performance.now();
    const slow = t.core.api['replay.send']({ id, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 800 });
    // While the replay waits on the slow target, the listener answers at once.
    const during = performance.now();
    const res = await send(`${t.captureUrl}/during-slow-replay`, { body: 'still here' });
    assert.equal(res.status, 200);
    assert.ok(performance.now() - during < 500, 'capture was not blocked by the slow target');
    const timedOut = await slow;
    assert.equal(timedOut.error?.code, 'timeout');
    assert.match(timedOut.error!.message, /800 ms/);
    assert.ok(performance.now() - started < 3_000, 'the timeout held');

    target.handler = () => 'reset';
    const reset = await t.core.api['replay.send']({ id, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 5_000 });
    assert.equal(reset.error?.code, 'reset');

    const dns = await t.core.api['replay.send']({ id, target: 'http://no-such-host.invalid', mode: 'as-is', appendPath: true, timeoutMs: 5_000 });
    assert.equal(dns.error?.code, 'dns');

    target.handler = () => ({ status: 200, body: 'ok' });
    const listed = t.core.api['replay.list']({ id, limit: 10 });
    assert.deepEqual(listed.attempts.map((a) => a.error?.code), ['dns', 'reset', 'timeout', 'connection_refused'], 'newest first, every attempt stored');
    assert.equal(listed.nextBefore, null);
    assert.ok(!('body' in listed.attempts[0]!.request), 'lists carry no bodies');
  });

  it('cancels a replay in flight by its requestId, and stores it as cancelled', async () => {
    const id = await capture(t, '/cancel', ['Content-Type', 'text/plain'], 'x');
    target.handler = () => 'hang';
    const events: EventMessage[] = [];
    const unsubscribe = t.core.events.subscribe((message) => events.push(message));
    try {
      const pending = t.core.api['replay.send']({ id, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 30_000, requestId: 'req-cancel-1' });
      assert.ok(events.some((e) => e.event === 'replay.started' && (e.data as { requestId: string }).requestId === 'req-cancel-1'));
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(t.core.api['replay.cancel']({ requestId: 'req-cancel-1' }), { cancelled: true });
      const attempt = await pending;
      assert.equal(attempt.error?.code, 'cancelled');
      assert.deepEqual(t.core.api['replay.cancel']({ requestId: 'req-cancel-1' }), { cancelled: false });
      const completed = events.find((e) => e.event === 'replay.completed')?.data as ReplayAttemptSummary;
      assert.equal(completed.id, attempt.id);
    } finally {
      unsubscribe();
      target.handler = () => ({ status: 200, body: 'ok' });
    }
  });

  it('caps a large response body at 1 MiB, flagged truncated', async () => {
    const id = await capture(t, '/big-answer', ['Content-Type', 'text/plain'], 'x');
    target.handler = () => ({ status: 200, body: Buffer.alloc(1536 * 1024, 0x61) });
    try {
      const attempt = await t.core.api['replay.send']({ id, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 10_000 });
      assert.equal(attempt.response?.truncated, true);
      assert.equal(Buffer.from(attempt.response!.body, 'base64').length, 1024 * 1024);
      assert.ok(attempt.response!.bodySize > 1024 * 1024);
    } finally {
      target.handler = () => ({ status: 200, body: 'ok' });
    }
  });

  for (const mib of [3, 50]) {
    it(`records a ${mib} MiB answer as its status, headers, the first 1 MiB and truncated (not as a reset)`, async () => {
      const id = await capture(t, `/huge-answer-${mib}`, ['Content-Type', 'text/plain'], 'x');
      target.handler = () => ({ status: 207, headers: [['X-Big', String(mib)]], body: Buffer.alloc(mib * 1024 * 1024, 0x62) });
      try {
        const attempt = await t.core.api['replay.send']({ id, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 20_000 });
        assert.equal(attempt.error, null, `no error: ${attempt.error?.message}`);
        assert.equal(attempt.response?.status, 207);
        assert.deepEqual(attempt.response!.headers.find(([name]) => name === 'X-Big'), ['X-Big', String(mib)]);
        assert.equal(attempt.response!.truncated, true);
        assert.equal(Buffer.from(attempt.response!.body, 'base64').length, 1024 * 1024);
        assert.ok(attempt.response!.bodySize > 1024 * 1024 && attempt.response!.bodySize <= mib * 1024 * 1024);
        assert.equal(t.core.api['replay.get']({ id: attempt.id }).response?.status, 207, 'stored as answered');
      } finally {
        target.handler = () => ({ status: 200, body: 'ok' });
      }
    });
  }

  it('deletes a delivery\'s attempts with it', async () => {
    const id = await capture(t, '/gone', ['Content-Type', 'text/plain'], 'x');
    const attempt = await t.core.api['replay.send']({ id, target: target.url, mode: 'as-is', appendPath: true, timeoutMs: 5_000 });
    t.core.api['deliveries.delete']({ id });
    assert.throws(() => t.core.api['replay.get']({ id: attempt.id }), /no replay attempt/);
    assert.throws(() => t.core.api['replay.list']({ id, limit: 10 }), /no delivery/);
  });
});

describe('replay: re-signed, checked by the providers\' libraries inside the target', () => {
  let t: TestCore;
  let target: TargetServer;
  const stripeSecret = 'whsec_replay_test_secret_0123456789';
  const swSecret = `whsec_${Buffer.from('standard-webhooks-replay-key-0123').toString('base64')}`;
  const stripe = new Stripe('sk_test_unused');

  before(async () => {
    t = await startTestCore();
    // The user's app: verifies with the official libraries, 400 when they refuse.
    target = await startTargetServer((request) => {
      try {
        if (request.url.startsWith('/stripe')) {
          const event = stripe.webhooks.constructEvent(request.body, headerOf(request.headers, 'stripe-signature') ?? '', stripeSecret);
          return { status: 200, body: JSON.stringify({ verified: event.id }) };
        }
        const headers = Object.fromEntries(request.headers.map(([name, value]) => [name.toLowerCase(), value]));
        const payload = new Webhook(swSecret).verify(request.body.toString(), {
          'webhook-id': headers['webhook-id'] ?? headers['svix-id'] ?? '',
          'webhook-timestamp': headers['webhook-timestamp'] ?? headers['svix-timestamp'] ?? '',
          'webhook-signature': headers['webhook-signature'] ?? headers['svix-signature'] ?? '',
        }) as { id: string };
        return { status: 200, body: JSON.stringify({ verified: payload.id }) };
      } catch (error) {
        return { status: 400, body: (error as Error).message };
      }
    });
    t.core.api['endpoints.create']({ slug: 'stripe', verification: { scheme: 'stripe', secret: stripeSecret }, forward: { target: `${target.url}/stripe`, appendPath: true, relayResponse: false, timeoutMs: 10_000 } });
    t.core.api['endpoints.create']({ slug: 'svix', verification: { scheme: 'standard-webhooks', secret: swSecret } });
  });
  after(async () => {
    await target.close();
    await t.stop();
  });

  it('Stripe: an old delivery replayed as-is fails the tolerance; re-signed it passes constructEvent; bad-signature is refused', async () => {
    const event = JSON.stringify({ id: 'evt_replayed', type: 'checkout.session.completed' });
    const oldHeader = Stripe.webhooks.generateTestHeaderString({ payload: event, secret: stripeSecret, timestamp: Math.floor(Date.now() / 1000) - 3600 });
    const id = await capture(t, '/stripe', ['Content-Type', 'application/json', 'Stripe-Signature', oldHeader, 'User-Agent', 'Stripe/1.0'], event);

    // No target given: the endpoint's forward target is the default.
    const asIs = await t.core.api['replay.send']({ id, mode: 'as-is', appendPath: true, timeoutMs: 10_000 });
    assert.equal(asIs.response?.status, 400);
    assert.match(Buffer.from(asIs.response!.body, 'base64').toString(), /tolerance/i);

    const resigned = await t.core.api['replay.send']({ id, mode: 'resigned', appendPath: true, timeoutMs: 10_000 });
    assert.equal(resigned.response?.status, 200, Buffer.from(resigned.response?.body ?? '', 'base64').toString());
    assert.deepEqual(JSON.parse(Buffer.from(resigned.response!.body, 'base64').toString()), { verified: 'evt_replayed' });
    assert.deepEqual(resigned.signing, { scheme: 'stripe', valid: true, headers: ['Stripe-Signature'] });
    const names = resigned.request.headers.map(([name]) => name);
    assert.ok(names.indexOf('Stripe-Signature') < names.indexOf('User-Agent'), 'replaced in place');

    const bad = await t.core.api['replay.send']({ id, mode: 'bad-signature', appendPath: true, timeoutMs: 10_000 });
    assert.equal(bad.response?.status, 400);
    assert.match(Buffer.from(bad.response!.body, 'base64').toString(), /No signatures found matching/);
    assert.deepEqual(bad.signing, { scheme: 'stripe', valid: false, headers: ['Stripe-Signature'] });
  });

  it('Stripe: an edited body, re-signed, passes too', async () => {
    const id = t.core.api['deliveries.list']({ endpoint: 'stripe', limit: 1 }).deliveries[0]!.id;
    const edited = JSON.stringify({ id: 'evt_edited', type: 'checkout.session.expired' });
    const attempt = await t.core.api['replay.send']({ id, mode: 'resigned', body: Buffer.from(edited).toString('base64'), appendPath: true, timeoutMs: 10_000 });
    assert.deepEqual(JSON.parse(Buffer.from(attempt.response!.body, 'base64').toString()), { verified: 'evt_edited' });
  });

  it('Standard Webhooks (svix-* names): re-signed passes Webhook.verify with a fresh id and timestamp', async () => {
    const payload = JSON.stringify({ id: 'sw_1', type: 'invoice.paid' });
    const oldDate = new Date(Date.now() - 3600_000);
    const signature = new Webhook(swSecret).sign('msg_original', oldDate, payload);
    const id = await capture(t, '/svix/hook', [
      'Content-Type', 'application/json',
      'svix-id', 'msg_original',
      'svix-timestamp', String(Math.floor(oldDate.getTime() / 1000)),
      'svix-signature', signature,
    ], payload);
    const asIs = await t.core.api['replay.send']({ id, target: `${target.url}/sw`, mode: 'as-is', appendPath: true, timeoutMs: 10_000 });
    assert.equal(asIs.response?.status, 400, 'the original is too old for the receiver');

    const resigned = await t.core.api['replay.send']({ id, target: `${target.url}/sw`, mode: 'resigned', appendPath: true, timeoutMs: 10_000 });
    assert.equal(resigned.response?.status, 200, Buffer.from(resigned.response?.body ?? '', 'base64').toString());
    const sent = Object.fromEntries(resigned.request.headers);
    assert.match(sent['svix-id']!, /^msg_/);
    assert.notEqual(sent['svix-id'], 'msg_original');
    assert.ok(Math.abs(Number(sent['svix-timestamp']) - Date.now() / 1000) < 60);
    assert.deepEqual(resigned.signing?.headers, ['svix-id', 'svix-timestamp', 'svix-signature']);

    const bad = await t.core.api['replay.send']({ id, target: `${target.url}/sw`, mode: 'bad-signature', appendPath: true, timeoutMs: 10_000 });
    assert.equal(bad.response?.status, 400);
  });
});

describe('replay: bulk', () => {
  let t: TestCore;
  let target: TargetServer;
  before(async () => {
    t = await startTestCore();
    target = await startTargetServer((request) => ({ status: request.url.includes('fail') ? 500 : 200, body: 'ok' }));
    t.core.api['endpoints.create']({ slug: 'bulk' });
  });
  after(async () => {
    await target.close();
    await t.stop();
  });

  it('replays a selection in received order with a concurrency and a rate, reports progress and a summary', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) ids.push(await capture(t, `/bulk/${i === 5 ? 'fail' : 'ok'}?i=${i}`, ['Content-Type', 'text/plain'], String(i)));
    const progress: Array<{ done: number; state: string }> = [];
    const unsubscribe = t.core.events.subscribe(({ event, data }) => {
      if (event === 'bulk.progressed') progress.push(data as { done: number; state: string });
    });
    target.received.length = 0;
    const started = performance.now();
    const job = t.core.api['bulk.start']({ ids: [...ids].reverse(), target: target.url, mode: 'as-is', appendPath: true, concurrency: 1, ratePerSecond: 40, timeoutMs: 5_000 });
    assert.equal(job.state, 'running');
    assert.equal(job.total, 12);
    let status = job;
    for (let i = 0; i < 200 && status.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = t.core.api['bulk.status']({ id: job.id });
    }
    unsubscribe();
    const elapsed = performance.now() - started;
    assert.equal(status.state, 'completed');
    assert.deepEqual({ total: status.total, done: status.done, ok: status.ok, failed: status.failed, cancelled: status.cancelled }, { total: 12, done: 12, ok: 11, failed: 1, cancelled: 0 });
    assert.deepEqual(status.outcomes, { '200': 11, '500': 1 });
    assert.ok(status.finishedAt !== null);
    assert.deepEqual(target.received.map((r) => new URL(r.url, 'http://x').searchParams.get('i')), Array.from({ length: 12 }, (_, i) => String(i)), 'received order');
    assert.ok(elapsed >= 11 * 25 - 5, `the rate limit held: 12 requests at 40/s took ${elapsed.toFixed(0)} ms`);
    assert.ok(progress.length >= 2, 'progress was reported');
    assert.equal(progress.at(-1)!.state, 'completed');
    assert.equal(progress.at(-1)!.done, 12);
    const attempts = t.core.api['replay.list']({ id: ids[0]!, limit: 10 }).attempts;
    assert.equal(attempts[0]?.trigger, 'bulk');
    assert.equal(attempts[0]?.bulkId, job.id);
  });

  it('cancels a bulk job: nothing more is sent, in-flight attempts are aborted and counted', async () => {
    target.handler = () => 'hang';
    try {
      const job = t.core.api['bulk.start']({ endpoint: 'bulk', target: target.url, mode: 'as-is', appendPath: true, concurrency: 3, ratePerSecond: null, timeoutMs: 30_000 });
      await target.waitFor(target.received.length + 3, 5_000).catch(() => undefined);
      const cancelled = t.core.api['bulk.cancel']({ id: job.id });
      assert.equal(cancelled.state, 'cancelled');
      let status = cancelled;
      for (let i = 0; i < 200 && status.finishedAt === null; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        status = t.core.api['bulk.status']({ id: job.id });
      }
      assert.equal(status.state, 'cancelled');
      assert.equal(status.done, status.total);
      assert.equal(status.cancelled, status.total, 'all 12 cancelled: 3 aborted in flight, 9 never sent');
    } finally {
      target.handler = () => ({ status: 200, body: 'ok' });
    }
  });

  it('refuses a bulk job without a target when an endpoint has no forward rule', async () => {
    assert.throws(() => t.core.api['bulk.start']({ endpoint: 'bulk', mode: 'as-is', appendPath: true, concurrency: 1, ratePerSecond: null, timeoutMs: 1000 }), /no target/);
    assert.throws(() => t.core.api['bulk.status']({ id: 'nope' }), /no bulk job/);
  });
});
