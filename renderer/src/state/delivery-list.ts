// The delivery list's state changes as pure functions (no React, no I/O): a page, live arrivals
// merged newest first without duplicates, updates in place, rows that stop matching a search.
// use-deliveries.ts applies them; test/unit/renderer/delivery-list.test.ts tables them.
import type { DeliverySummary } from '../../../electron/contract/index.js';

/** Live arrivals beyond this drop the oldest rows (still reachable with "Load older"). */
export const MAX_ROWS = 5000;

export interface ListState {
  items: DeliverySummary[];
  nextBefore: number | null;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
  total: { count: number; capped: boolean } | null;
}

export const initial: ListState = { items: [], nextBefore: null, loading: true, loadingOlder: false, error: null, total: null };

/** Newest first, merged without duplicates (an event and a page may both carry a delivery). */
export function prepend(state: ListState, arrivals: DeliverySummary[]): ListState {
  const known = new Set(state.items.map((d) => d.id));
  // One row per id: an arrival and its update may come in the same frame (the later one wins).
  const latest = new Map(arrivals.filter((d) => !known.has(d.id)).map((d) => [d.id, d]));
  const fresh = [...latest.values()].sort((a, b) => b.id - a.id);
  if (fresh.length === 0) return state;
  // Usually all newer than every row; a row that starts matching a search later (verified, recognised) may be older.
  let items = fresh[fresh.length - 1]!.id > (state.items[0]?.id ?? 0) ? [...fresh, ...state.items] : [...fresh, ...state.items].sort((a, b) => b.id - a.id);
  let { nextBefore } = state;
  if (items.length > MAX_ROWS) {
    items = items.slice(0, MAX_ROWS);
    nextBefore = items[items.length - 1]!.id;
  }
  const total = state.total && !state.total.capped ? { ...state.total, count: state.total.count + fresh.length } : state.total;
  return { ...state, items, nextBefore, total };
}

/** Drops rows that no longer match the search (an update changed what it matched). */
export function without(state: ListState, ids: Set<number>): ListState {
  if (ids.size === 0 || !state.items.some((d) => ids.has(d.id))) return state;
  return { ...state, items: state.items.filter((d) => !ids.has(d.id)) };
}

/** Replaces rows in place (same position, same id); rows not loaded are left alone. */
export function patch(state: ListState, updates: Map<number, DeliverySummary>): ListState {
  if (updates.size === 0) return state;
  let changed = false;
  const items = state.items.map((d) => {
    const update = updates.get(d.id);
    if (!update) return d;
    changed = true;
    return update;
  });
  return changed ? { ...state, items } : state;
}

export type Change = { kind: 'stored' | 'updated'; summary: DeliverySummary };
/** With a search: an update of a row not shown may make it match (add it), one that stops matching leaves. */
export type Matched = Change & { matches: boolean; addIfMissing?: boolean };

/** Applies one frame's events in arrival order: an update may follow its own arrival in the same frame. */
export function apply(state: ListState, changes: Matched[]): ListState {
  let next = state;
  let arrivals: DeliverySummary[] = [];
  let updates = new Map<number, DeliverySummary>();
  const flushArrivals = () => {
    if (arrivals.length > 0) next = prepend(next, arrivals);
    arrivals = [];
  };
  const flushUpdates = () => {
    next = patch(next, updates);
    updates = new Map();
  };
  for (const change of changes) {
    if (!change.matches) {
      flushArrivals();
      flushUpdates();
      next = without(next, new Set([change.summary.id]));
    } else if (change.kind === 'stored' || (change.addIfMissing && !next.items.some((d) => d.id === change.summary.id))) {
      flushUpdates();
      arrivals.push(change.summary);
    } else {
      flushArrivals();
      updates.set(change.summary.id, change.summary);
    }
  }
  flushArrivals();
  flushUpdates();
  return next;
}

