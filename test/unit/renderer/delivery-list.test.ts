// The delivery list's reducers, tabled: live arrivals merged newest first without duplicates,
// updates in place, rows that stop (or start) matching a search, and the row cap.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeliverySummary } from '../../../electron/contract/index.js';
import { apply, initial, MAX_ROWS, patch, prepend, without, type ListState } from '../../../renderer/src/state/delivery-list.js';

const row = (id: number, extra: Partial<DeliverySummary> = {}): DeliverySummary =>
  ({ id, endpoint: 'e', receivedAt: '2026-12-02T00:00:00.000Z', method: 'POST', path: '/e', query: '', bodySize: 1, contentType: null, responseStatus: 200, viaTunnel: false, headersTruncated: false, rejected: null, verification: null, imported: false, provider: null, attempt: null, ...extra }) as DeliverySummary;
const ids = (state: ListState) => state.items.map((d) => d.id);
const loaded = (...list: number[]): ListState => ({ ...initial, loading: false, items: list.map((id) => row(id)), total: { count: list.length, capped: false } });

describe('delivery list reducers', () => {
  it('prepends arrivals newest first, once each, counting them in the total', () => {
    const next = prepend(loaded(3, 2, 1), [row(5), row(4), row(5), row(3)]);
    assert.deepEqual(ids(next), [5, 4, 3, 2, 1]);
    assert.deepEqual(next.total, { count: 5, capped: false });
    assert.equal(prepend(next, [row(4)]), next, 'nothing new: the same state');
  });

  it('places a row that starts matching later (an older id) in order', () => {
    assert.deepEqual(ids(prepend(loaded(9, 5, 1), [row(7)])), [9, 7, 5, 1]);
  });

  it('keeps at most MAX_ROWS and moves the cursor so older rows stay reachable', () => {
    const full = loaded(...Array.from({ length: MAX_ROWS }, (_, i) => MAX_ROWS - i));
    const next = prepend(full, [row(MAX_ROWS + 1)]);
    assert.equal(next.items.length, MAX_ROWS);
    assert.equal(next.nextBefore, 2);
  });

  it('patches rows in place and ignores rows not loaded', () => {
    const next = patch(loaded(2, 1), new Map([[1, row(1, { verification: 'valid' })], [7, row(7)]]));
    assert.deepEqual(ids(next), [2, 1]);
    assert.equal(next.items[1]!.verification, 'valid');
    assert.equal(patch(next, new Map([[7, row(7)]])), next);
  });

  it('drops rows that stop matching', () => {
    assert.deepEqual(ids(without(loaded(3, 2, 1), new Set([2]))), [3, 1]);
  });

  it('applies a frame in order: an arrival and its update, a row that stops matching, one that starts', () => {
    const next = apply(loaded(2, 1), [
      { kind: 'stored', summary: row(3), matches: true },
      { kind: 'updated', summary: row(3, { verification: 'invalid' }), matches: true },
      { kind: 'updated', summary: row(2), matches: false },
      { kind: 'updated', summary: row(0), matches: true, addIfMissing: true },
    ]);
    assert.deepEqual(ids(next), [3, 1, 0]);
    assert.equal(next.items[0]!.verification, 'invalid');
  });
});
