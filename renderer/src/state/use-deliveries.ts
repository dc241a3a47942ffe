import { useCallback, useEffect, useRef, useState } from 'react';
import type { DeliverySummary } from '../../../electron/contract/index.js';
import { errorMessage } from '../api/client.js';
import { createFrameBatcher } from '../lib/frame-batcher.js';
import { useClient } from './client-context.js';
import { apply, initial, patch, prepend, type Change, type ListState, type Matched } from './delivery-list.js';

const PAGE_SIZE = 100;
export interface DeliveriesState {
  items: DeliverySummary[];
  /** Keyset cursor for the next older page; null when everything is loaded. */
  nextBefore: number | null;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
  /** How many match (the endpoint's deliveries without a search); capped past MATCH_COUNT_CAP with one. */
  total: { count: number; capped: boolean } | null;
  loadOlder(): void;
  /** Deletes every delivery matching the current filter. */
  clear(): Promise<void>;
  remove(id: number): Promise<void>;
}

/**
 * The delivery list for one endpoint (or all when `endpoint` is null): the first page, older
 * pages on demand, live arrivals and in-place updates batched per animation frame, and a reload whenever events may
 * have been missed (stream reconnected) or many rows changed at once (clear, prune).
 */
export function useDeliveries(endpoint: string | null, query = ''): DeliveriesState {
  const q = query.trim();
  const client = useClient();
  const [state, setState] = useState<ListState>(initial);
  // Bumped by every reload, so an answer to an outdated request is dropped.
  const generation = useRef(0);
  const cursor = useRef<{ nextBefore: number | null; busy: boolean }>({ nextBefore: null, busy: false });
  cursor.current.nextBefore = state.nextBefore;
  cursor.current.busy = state.loading || state.loadingOlder;

  useEffect(() => {
    const matches = (d: DeliverySummary) => endpoint === null || d.endpoint === endpoint;
    // Deliveries that arrived or changed live while a reload was in flight: its page may predate them.
    let arrivedDuringReload: DeliverySummary[] = [];
    let updatedDuringReload = new Map<number, DeliverySummary>();
    let reloading = false;

    const reload = () => {
      const mine = ++generation.current;
      reloading = true;
      arrivedDuringReload = [];
      updatedDuringReload = new Map();
      setState((s) => ({ ...s, loading: true, error: null }));
      client.invoke('deliveries.list', { endpoint: endpoint ?? undefined, limit: PAGE_SIZE, q: q || undefined }).then(
        (page) => {
          if (mine !== generation.current) return;
          reloading = false;
          const newest = page.deliveries[0]?.id ?? 0;
          const base: ListState = { items: page.deliveries, nextBefore: page.nextBefore, loading: false, loadingOlder: false, error: null, total: page.total };
          const late = arrivedDuringReload.filter((d) => d.id > newest).map((d) => updatedDuringReload.get(d.id) ?? d);
          setState(patch(prepend(base, late), updatedDuringReload));
        },
        (failure: unknown) => {
          if (mine !== generation.current) return;
          reloading = false;
          setState((s) => ({ ...s, loading: false, error: errorMessage(failure) }));
        },
      );
    };

    const deliver = (wanted: Matched[]) => {
      if (reloading) {
        for (const change of wanted) {
          if (!change.matches) continue;
          if (change.kind === 'stored') arrivedDuringReload.push(change.summary);
          else updatedDuringReload.set(change.summary.id, change.summary);
        }
      }
      setState((s) => apply(s, wanted));
    };
    const batcher = createFrameBatcher<Change>((changes) => {
      const wanted = changes.filter((change) => matches(change.summary));
      if (wanted.length === 0) return;
      if (q === '') {
        deliver(wanted.map((change) => ({ ...change, matches: true })));
        return;
      }
      // The core decides what matches (one grammar, one place): ask it about this frame's arrivals.
      const mine = generation.current;
      const ids = [...new Set(wanted.map((change) => change.summary.id))].slice(0, 1000);
      client.invoke('deliveries.matches', { q, endpoint: endpoint ?? undefined, ids }).then(
        (result) => {
          if (mine !== generation.current) return;
          const hits = new Set(result.ids);
          deliver(wanted.filter((change) => ids.includes(change.summary.id)).map((change) => ({ ...change, matches: hits.has(change.summary.id), addIfMissing: true })));
        },
        () => undefined, // the next reload (stream reconnect) brings the list back in step
      );
    });

    const offEvents = client.on((message) => {
      switch (message.event) {
        case 'delivery.stored':
          batcher.push({ kind: 'stored', summary: message.data });
          break;
        case 'delivery.updated':
          // Verification finished (or was redone): the row changes in place, batched like arrivals.
          batcher.push({ kind: 'updated', summary: message.data });
          break;
        case 'delivery.deleted': {
          const { id } = message.data;
          setState((s) => (s.items.some((d) => d.id === id) ? { ...s, items: s.items.filter((d) => d.id !== id) } : s));
          break;
        }
        case 'deliveries.cleared':
          if (endpoint === null || message.data.endpoint === null || message.data.endpoint === endpoint) reload();
          break;
        case 'deliveries.pruned':
          reload();
          break;
        case 'endpoint.deleted':
          // Deleting an endpoint deletes its deliveries with it. When it is the one shown, there is
          // nothing left to load (listing it would fail); the app moves the filter off it.
          if (endpoint !== null && message.data.slug === endpoint) {
            generation.current += 1;
            setState({ ...initial, loading: false });
          } else if (endpoint === null) reload();
          break;
        default:
          break;
      }
    });
    const offConnection = client.onConnection((connection) => connection === 'live' && reload());
    setState(initial);
    reload();
    return () => {
      generation.current += 1;
      batcher.cancel();
      offEvents();
      offConnection();
    };
  }, [client, endpoint, q]);

  const loadOlder = useCallback(() => {
    const { nextBefore, busy } = cursor.current;
    if (nextBefore === null || busy) return;
    cursor.current.busy = true;
    const mine = generation.current;
    setState((s) => ({ ...s, loadingOlder: true, error: null }));
    client.invoke('deliveries.list', { endpoint: endpoint ?? undefined, limit: PAGE_SIZE, before: nextBefore, q: q || undefined }).then(
      (page) => {
        if (mine !== generation.current) return;
        setState((s) => {
          const known = new Set(s.items.map((d) => d.id));
          const older = page.deliveries.filter((d) => !known.has(d.id));
          return { ...s, items: [...s.items, ...older], nextBefore: page.nextBefore, loadingOlder: false };
        });
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setState((s) => ({ ...s, loadingOlder: false, error: errorMessage(failure) }));
      },
    );
  }, [client, endpoint, q]);

  // A search may answer a short page that ends where its scan budget did: keep going until the
  // page is full or nothing older is left (each request stays bounded in the core).
  useEffect(() => {
    if (q !== '' && !state.loading && !state.loadingOlder && state.error === null && state.nextBefore !== null && state.items.length < PAGE_SIZE) loadOlder();
  }, [q, state.loading, state.loadingOlder, state.error, state.nextBefore, state.items.length, loadOlder]);

  const clear = useCallback(async () => {
    await client.invoke('deliveries.clear', endpoint === null ? {} : { endpoint });
    // The deliveries.cleared event reloads as well; emptying now avoids a flash of stale rows.
    setState((s) => ({ ...s, items: [], nextBefore: null }));
  }, [client, endpoint]);

  const remove = useCallback(
    async (id: number) => {
      await client.invoke('deliveries.delete', { id });
      setState((s) => ({ ...s, items: s.items.filter((d) => d.id !== id) }));
    },
    [client],
  );

  return { ...state, loadOlder, clear, remove };
}
