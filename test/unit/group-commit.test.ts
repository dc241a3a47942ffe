import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GroupCommitter, StoreUnavailableError } from '../../electron/core/capture/group-commit.js';

const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('group commit', () => {
  it('writes everything queued in one turn as one batch, results in order', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number, string>((items) => {
      batches.push([...items]);
      return items.map((i) => `id-${i}`);
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((i) => committer.enqueue(i)));
    assert.deepEqual(results, ['id-1', 'id-2', 'id-3', 'id-4', 'id-5']);
    assert.deepEqual(batches, [[1, 2, 3, 4, 5]]);
  });

  it('while senders arrive together, deliveries arriving just after a commit wait to join the next one; one at a time, each is written at once', async () => {
    const batches: number[][] = [];
    const committer = new GroupCommitter<number, number>((items) => (batches.push([...items]), [...items]), { coalesceMs: 40 });
    await Promise.all([committer.enqueue(1), committer.enqueue(2)]);
    const third = committer.enqueue(3);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches, [[1, 2]], 'after a batch of two, the next commit waits for the window');
    const fourth = committer.enqueue(4);
    await Promise.all([third, fourth]);
    assert.deepEqual(batches, [[1, 2], [3, 4]], 'what arrived in the window is one transaction');

    // A trickle: each commit carried one, so the next is written on the next turn, not after the window.
    await new Promise((resolve) => setTimeout(resolve, 60));
    await committer.enqueue(5);
    const sixth = committer.enqueue(6);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(batches.slice(-2), [[5], [6]], 'one at a time: no wait');
    await sixth;
  });

  it('splits at maxBatch', async () => {
    const sizes: number[] = [];
    const committer = new GroupCommitter<number, number>((items) => (sizes.push(items.length), [...items]), { maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((i) => committer.enqueue(i)));
    assert.deepEqual(sizes, [2, 2, 1]);
  });

  it('retries a busy database asynchronously and succeeds when the lock goes', async () => {
    let failures = 2;
    const committer = new GroupCommitter<string, string>(
      (items) => {
        if (failures-- > 0) throw busy();
        return [...items];
      },
      { busyRetryMs: 1, busyDeadlineMs: 10_000 },
    );
    assert.deepEqual(await Promise.all([committer.enqueue('a'), committer.enqueue('b')]), ['a', 'b']);
    assert.equal(committer.transactions, 3);
  });

  it('gives up on items past the busy deadline with StoreUnavailableError', async () => {
    let clock = 0;
    const committer = new GroupCommitter<string, string>(
      () => {
        clock += 100; // each attempt "takes" 100 ms of the injected clock
        throw busy();
      },
      { busyRetryMs: 1, busyDeadlineMs: 250, now: () => clock },
    );
    await assert.rejects(committer.enqueue('x'), (error: unknown) => {
      assert.ok(error instanceof StoreUnavailableError);
      assert.match(error.message, /locked/);
      return true;
    });
    assert.equal(clock, 300);
    assert.equal(committer.pending, 0);
  });

  it('fails a batch at once on a hard error (disk full) and keeps going with the next', async () => {
    let first = true;
    const committer = new GroupCommitter<string, string>((items) => {
      if (first) {
        first = false;
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
      return [...items];
    });
    await assert.rejects(committer.enqueue('lost'), /SQLITE_FULL/);
    assert.equal(await committer.enqueue('next'), 'next');
  });
});
