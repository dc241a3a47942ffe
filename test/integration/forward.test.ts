// Live forwarding through the real core: every new delivery goes on to the endpoint's target in
// arrival order, one at a time, each forward stored as an attempt; the sender is answered after
// the delivery is stored, with the target's response relayed only when asked and only in time.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { send } from '../helpers/http.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { deadPort, headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';

const rule = (target: string, extra: Partial<{ relayResponse: boolean; timeoutMs: number; appendPath: boolean }> = {}) => ({
  target,
  appendPath: true,
  relayResponse: false,
  timeoutMs: 10_000,
  ...extra,
});

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('forwarding', () => {
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

  it('forwards each new delivery of a forwarding endpoint as-is and stores the forward as an attempt', async () => {
    const endpoint = t.core.api['endpoints.create']({ slug: 'fwd', forward: rule(`${target.url}/webhooks`) });
    assert.deepEqual(endpoint.forward, { target: `${target.url}/webhooks`, appendPath: true, relayResponse: false, timeoutMs: 10_000 });
    target.received.length = 0;
    const res = await send(`${t.captureUrl}/fwd/github?x=1`, { headers: ['Content-Type', 'application/json', 'X-GitHub-Event', 'push'], body: '{"ref":"main"}' });
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body.toString()), { received: true }, 'the sender gets the endpoint\'s own response');
    const [got] = await target.waitFor(1);
    assert.equal(got!.url, '/webhooks/github?x=1');
    assert.equal(got!.body.toString(), '{"ref":"main"}');
    assert.equal(headerOf(got!.headers, 'x-github-event'), 'push');

    const id = t.core.api['deliveries.list']({ endpoint: 'fwd', limit: 1 }).deliveries[0]!.id;
    await waitUntil(() => t.core.api['replay.list']({ id, limit: 5 }).attempts.length === 1, 5_000, 'the forward attempt');
    const [attempt] = t.core.api['replay.list']({ id, limit: 5 }).attempts;
    assert.equal(attempt!.trigger, 'forward');
    assert.equal(attempt!.mode, 'as-is');
    assert.equal(attempt!.response?.status, 200);

    // Another endpoint, a rejected delivery and forwarding turned off: nothing forwarded.
    await send(`${t.captureUrl}/elsewhere`, { body: 'x' });
    t.core.api['endpoints.update']({ slug: 'fwd', forward: null });
    await send(`${t.captureUrl}/fwd/after-off`, { body: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(target.received.length, 1);
    assert.equal(t.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'fwd')?.forward, null);
  });

  it('keeps arrival order under a burst of 500', async () => {
    t.core.api['endpoints.create']({ slug: 'burst', forward: rule(target.url) });
    target.received.length = 0;
    const burst = 500;
    // Many senders at once, 50 connections at a time: arrival order at the listener is the commit order.
    const results: number[] = [];
    for (let wave = 0; wave < burst; wave += 50) {
      const statuses = await Promise.all(
        Array.from({ length: 50 }, (_, j) => send(`${t.captureUrl}/burst/e?i=${wave + j}`, { headers: ['Content-Type', 'text/plain'], body: `payload-${wave + j}` }).then((r) => r.status)),
      );
      results.push(...statuses);
    }
    assert.ok(results.every((status) => status === 200));
    await target.waitFor(burst, 60_000);
    const stored: Array<{ id: number; query: string }> = [];
    let before: number | undefined;
    for (;;) {
      const page = t.core.api['deliveries.list']({ endpoint: 'burst', limit: 1000, before });
      stored.push(...page.deliveries);
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    assert.equal(stored.length, burst);
    const commitOrder = stored.sort((a, b) => a.id - b.id).map((d) => d.query);
    const forwardOrder = target.received.map((r) => r.url.slice(r.url.indexOf('?') + 1));
    assert.deepEqual(forwardOrder, commitOrder, 'the target saw the deliveries in the order they were stored');
    assert.deepEqual(target.received.map((r) => r.body.toString()), commitOrder.map((q) => `payload-${q.slice(2)}`));
    await waitUntil(() => t.core.stats().forwardsPending === 0, 10_000, 'the queue to drain');
  });

  it('a dead target is a stored error per forward and does not slow the sender', async () => {
    t.core.api['endpoints.create']({ slug: 'deadfwd', forward: rule(`http://127.0.0.1:${await deadPort()}`) });
    const started = performance.now();
    const res = await send(`${t.captureUrl}/deadfwd`, { body: 'x' });
    assert.equal(res.status, 200);
    assert.ok(performance.now() - started < 1_000);
    const id = t.core.api['deliveries.list']({ endpoint: 'deadfwd', limit: 1 }).deliveries[0]!.id;
    await waitUntil(() => t.core.api['replay.list']({ id, limit: 5 }).attempts.length === 1, 5_000, 'the forward attempt');
    assert.equal(t.core.api['replay.list']({ id, limit: 5 }).attempts[0]!.error?.code, 'connection_refused');
  });

  it('relays the target\'s response to the sender, after the delivery is stored', async () => {
    let storedWhenForwarded = false;
    target.handler = (request) => {
      // Store, then answer: by the time the target sees the forward, the delivery is in the store.
      const newest = t.core.api['deliveries.list']({ endpoint: 'relay', limit: 1 }).deliveries[0];
      storedWhenForwarded = newest !== undefined && Buffer.from(t.core.api['deliveries.get']({ id: newest.id }).body, 'base64').equals(request.body);
      return { status: 201, headers: [['Content-Type', 'application/json'], ['X-From-App', 'yes']], body: '{"handled":true}' };
    };
    try {
      t.core.api['endpoints.create']({ slug: 'relay', forward: rule(target.url, { relayResponse: true, timeoutMs: 5_000 }) });
      const res = await send(`${t.captureUrl}/relay`, { headers: ['Content-Type', 'application/json'], body: '{"n":1}' });
      assert.equal(res.status, 201);
      assert.equal(res.headers['x-from-app'], 'yes');
      assert.equal(res.body.toString(), '{"handled":true}');
      assert.ok(storedWhenForwarded);
      const id = t.core.api['deliveries.list']({ endpoint: 'relay', limit: 1 }).deliveries[0]!.id;
      const delivery = t.core.api['deliveries.get']({ id });
      assert.equal(delivery.responseStatus, 201, 'the record says what the sender really got');
      assert.equal(delivery.response.body, '{"handled":true}');
    } finally {
      target.handler = () => ({ status: 200, body: 'ok' });
    }
  });

  it('a slow or dead target under relay: the sender gets the endpoint\'s own response within the timeout', async () => {
    target.handler = () => 'hang';
    try {
      t.core.api['endpoints.create']({ slug: 'slowrelay', response: { status: 202, body: '{"own":true}' }, forward: rule(target.url, { relayResponse: true, timeoutMs: 600 }) });
      const started = performance.now();
      const res = await send(`${t.captureUrl}/slowrelay`, { body: 'x' });
      const elapsed = performance.now() - started;
      assert.equal(res.status, 202);
      assert.equal(res.body.toString(), '{"own":true}');
      assert.ok(elapsed >= 550 && elapsed < 3_000, `answered after ${elapsed.toFixed(0)} ms`);
      const id = t.core.api['deliveries.list']({ endpoint: 'slowrelay', limit: 1 }).deliveries[0]!.id;
      await waitUntil(() => t.core.api['replay.list']({ id, limit: 5 }).attempts.length === 1, 5_000, 'the forward attempt');
      assert.equal(t.core.api['replay.list']({ id, limit: 5 }).attempts[0]!.error?.code, 'timeout');

      t.core.api['endpoints.create']({ slug: 'deadrelay', response: { status: 202 }, forward: rule(`http://127.0.0.1:${await deadPort()}`, { relayResponse: true }) });
      const dead = await send(`${t.captureUrl}/deadrelay`, { body: 'x' });
      assert.equal(dead.status, 202);
    } finally {
      target.handler = () => ({ status: 200, body: 'ok' });
    }
  });

  it('does not forward rejected (oversized) deliveries', async () => {
    const small = await startTestCore({ limits: { bodyLimitBytes: 1024 } });
    try {
      small.core.api['endpoints.update']({ slug: 'default', forward: rule(target.url) });
      target.received.length = 0;
      const res = await send(`${small.captureUrl}/too-big`, { body: Buffer.alloc(4096) });
      assert.equal(res.status, 413);
      await send(`${small.captureUrl}/fine`, { body: 'ok' });
      await target.waitFor(1);
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(target.received.map((r) => r.url), ['/fine']);
    } finally {
      await small.stop();
    }
  });
});
