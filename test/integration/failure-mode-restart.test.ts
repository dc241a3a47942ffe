// "Fail the first N" across a restart: the count lives in the SQLite file, so a core started again
// on the same data folder continues it instead of failing the first N all over again.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { FailureMode } from '../../electron/contract/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { send } from '../helpers/http.js';

const dirs: Array<{ remove(): Promise<void> }> = [];
after(async () => {
  for (const dir of dirs) await dir.remove();
});

async function freshDir(): Promise<string> {
  const dir = await makeDataDir();
  dirs.push(dir);
  return dir.dir;
}

/** Sends each delivery in turn (one event id each, or none) and returns the statuses answered. */
async function statuses(t: TestCore, slug: string, eventIds: Array<string | null>): Promise<number[]> {
  const out: number[] = [];
  for (const id of eventIds) {
    const headers = id === null ? [] : ['X-GitHub-Delivery', id];
    out.push((await send(`${t.captureUrl}/${slug}`, { headers, body: '{"zen":"ok"}' })).status);
  }
  return out;
}

const stateOf = (t: TestCore, slug: string) => t.core.api['endpoints.list']().endpoints.find((e) => e.slug === slug)?.failureModeState;

describe('fail the first N, across a restart', () => {
  it('per endpoint: fail-first 3, two sent, restart, then exactly one more failure', async () => {
    const dir = await freshDir();
    const first = await startTestCore({}, dir);
    const created = first.core.api['endpoints.create']({ slug: 'flaky', failureMode: { kind: 'fail-first', count: 3, status: 503 } });
    assert.deepEqual(created.failureModeState, { per: 'endpoint', count: 3, failed: 0, remaining: 3, events: null });
    assert.deepEqual(await statuses(first, 'flaky', [null, null]), [503, 503]);
    assert.deepEqual(stateOf(first, 'flaky'), { per: 'endpoint', count: 3, failed: 2, remaining: 1, events: null });
    await first.core.close();

    const second = await startTestCore({}, dir);
    try {
      assert.deepEqual(stateOf(second, 'flaky'), { per: 'endpoint', count: 3, failed: 2, remaining: 1, events: null });
      assert.deepEqual(await statuses(second, 'flaky', [null, null]), [503, 200]);
      assert.deepEqual(stateOf(second, 'flaky'), { per: 'endpoint', count: 3, failed: 3, remaining: 0, events: null });

      const again: FailureMode = { kind: 'fail-first', count: 3, status: 503 };
      const patched = second.core.api['endpoints.update']({ slug: 'flaky', failureMode: again });
      assert.equal(patched.failureModeState?.remaining, 3, 'setting the same mode again restarts its count');
      assert.deepEqual(await statuses(second, 'flaky', [null]), [503]);
    } finally {
      await second.core.close();
    }
  });

  it("per event: each event's count continues after a restart; deliveries without an id share the endpoint's", async () => {
    const dir = await freshDir();
    const first = await startTestCore({}, dir);
    first.core.api['endpoints.create']({ slug: 'gh', failureMode: { kind: 'fail-first', count: 2, per: 'event' } });
    assert.deepEqual(await statuses(first, 'gh', ['a', 'a', 'b', null]), [500, 500, 500, 500]);
    assert.deepEqual(stateOf(first, 'gh'), { per: 'event', count: 2, failed: 4, remaining: null, events: 2 });
    await first.core.close();

    const second = await startTestCore({}, dir);
    try {
      // a: done failing; b: one failure left; c: new, fails twice; no id: one failure left.
      assert.deepEqual(await statuses(second, 'gh', ['a', 'b', 'b', 'c', 'c', 'c', null, null]), [200, 500, 200, 500, 500, 200, 500, 200]);
      assert.deepEqual(stateOf(second, 'gh'), { per: 'event', count: 2, failed: 8, remaining: null, events: 3 });
    } finally {
      await second.core.close();
    }
  });

  it('other modes report no count', async () => {
    const t = await startTestCore();
    try {
      const e = t.core.api['endpoints.create']({ slug: 'late', failureMode: { kind: 'wrong-ack' } });
      assert.equal(e.failureModeState, null);
      assert.equal(t.core.api['endpoints.update']({ slug: 'late', failureMode: null }).failureModeState, null);
    } finally {
      await t.stop();
    }
  });
});
