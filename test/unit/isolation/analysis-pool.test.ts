// The analysis pool contains whatever a task does: an endless loop, a heap exhausted, a thread
// that exits, a throw. Each settles as a failure with its reason, the thread is replaced, and the
// calling thread is never held up (a timer set after the hostile task fires before it settles).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { AnalysisPool } from '../../../electron/core/isolation/analysis-pool.js';
import { ANALYSIS_NICE } from '../../../electron/core/isolation/thread-priority.js';

const hostileWorker = fileURLToPath(new URL('../../fixtures/hostile-analysis-worker.ts', import.meta.url));

describe('AnalysisPool', () => {
  const pool = new AnalysisPool({ filename: hostileWorker, threads: 1, memoryMb: 64 });
  after(() => pool.close());

  it('runs a task on a worker thread and returns its value', async () => {
    assert.deepEqual(await pool.run({ kind: 'echo', value: { a: [1, 2] } }, 10_000), { ok: true, value: { a: [1, 2] } });
  });

  it('runs its threads at a lower CPU priority than the capture thread (Linux)', { skip: process.platform !== 'linux' && 'thread priorities are set through /proc on Linux only' }, async () => {
    await pool.run({ kind: 'echo', value: 1 }, 10_000);
    // Field 19 of /proc/<pid>/task/<tid>/stat is the thread's nice value (after the ")" of its name).
    const niceOf = (tid: string) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const nices = readdirSync('/proc/self/task').map((tid) => ({ tid, nice: niceOf(tid) }));
    assert.equal(niceOf(String(process.pid)), 0, 'the calling (capture) thread keeps its priority');
    assert.ok(nices.some((t) => t.nice === ANALYSIS_NICE), `an analysis thread at nice ${ANALYSIS_NICE}: ${JSON.stringify(nices)}`);
  });

  it('stops a task that overruns its budget, while this thread keeps running', async () => {
    const order: string[] = [];
    const spinning = pool.run({ kind: 'SPIN' }, 1_500).then((outcome) => {
      order.push('spin settled');
      return outcome;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    order.push('timer fired');
    const outcome = await spinning;
    assert.deepEqual(order, ['timer fired', 'spin settled']);
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.reason : '', /ran past its 1\.5 s budget/);
  });

  it('stops a task that exhausts its memory budget', async () => {
    const outcome = await pool.run({ kind: 'OOM' }, 60_000);
    assert.equal(outcome.ok, false);
    assert.match(!outcome.ok ? outcome.reason : '', /memory budget/);
  });

  it('reports a thread that exits, and a throw, as failures with their reasons', async () => {
    const exited = await pool.run({ kind: 'EXIT' }, 10_000);
    assert.equal(exited.ok, false);
    const threw = await pool.run({ kind: 'THROW' }, 10_000);
    assert.deepEqual(threw, { ok: false, reason: 'it failed: hostile worker threw' });
  });

  it('replaces the threads it lost: work goes on after every failure', async () => {
    assert.ok(pool.failures >= 4);
    const results = await Promise.all([1, 2, 3].map((value) => pool.run({ kind: 'echo', value }, 10_000)));
    assert.deepEqual(results, [1, 2, 3].map((value) => ({ ok: true, value })));
  });

  it('does not count the wait for a thread against a task\'s budget', async () => {
    // The echo waits 3 s for the only thread, longer than its own 2 s budget (which covers starting a thread).
    const slow = pool.run({ kind: 'SPIN' }, 3_000);
    const queued = pool.run({ kind: 'echo', value: 'after' }, 2_000);
    assert.equal((await slow).ok, false);
    assert.deepEqual(await queued, { ok: true, value: 'after' });
  });
});
