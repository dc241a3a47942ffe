// The React-free half of the resource hooks (use-live-resource.ts): following one resource of the
// core for one key, and the state those answers fold into. Plain functions, so a unit test can drive
// them with a fake client and deferred answers.
import { errorMessage, type AnyEvent, type HookscopeClient } from '../api/client.js';

export interface ResourceOptions<T, K> {
  /** Reads the resource for this key. */
  read: (client: HookscopeClient, key: K) => Promise<T>;
  /** Events after which the resource is read again. */
  reloadOn?: (message: AnyEvent, key: K) => boolean;
  /** Events that carry the new value themselves: taken as it is, and any read in flight dropped. */
  carried?: (message: AnyEvent, key: K) => T | undefined;
}

export interface ResourceSink<T> {
  value(value: T): void;
  error(message: string): void;
}

export interface FollowedResource {
  /** Reads again; an answer to an earlier read that arrives later is dropped. */
  reload(): void;
  /** Stops following: no answer of any read already in flight reaches the sink. */
  stop(): void;
}

/**
 * Reads the resource, reads it again when an event says it changed and whenever the event stream
 * comes back (events may have been missed), and drops every answer older than the latest read or
 * carried value, so a slow reply never overwrites a newer one.
 */
export function followResource<T, K>(client: HookscopeClient, key: K, options: ResourceOptions<T, K>, sink: ResourceSink<T>): FollowedResource {
  const { read, reloadOn, carried } = options;
  let generation = 0;
  let stopped = false;
  const reload = () => {
    if (stopped) return;
    const mine = ++generation;
    read(client, key).then(
      (result) => mine === generation && sink.value(result),
      (failure: unknown) => mine === generation && sink.error(errorMessage(failure)),
    );
  };
  const offEvents = client.on((message) => {
    const value = carried?.(message, key);
    if (value !== undefined) {
      generation += 1; // a read in flight is older than this
      sink.value(value);
    } else if (reloadOn?.(message, key)) reload();
  });
  // onConnection answers at once with the current state: when the stream is already live that is the first read.
  const offConnection = client.onConnection((state) => state === 'live' && reload());
  if (generation === 0) reload();
  return {
    reload,
    stop() {
      stopped = true;
      generation += 1;
      offEvents();
      offConnection();
    },
  };
}

/** What the page shows of a keyed resource: the answers for one key, never another's. */
export interface KeyedState<T, K> {
  key: K;
  /** null until the first answer for this key. */
  value: T | null;
  /** The latest read failed; a value already shown stays (a failed refetch does not blank the screen). */
  error: string | null;
}

export type KeyedAction<T, K> =
  | { type: 'key'; key: K }
  | { type: 'value'; key: K; value: T }
  | { type: 'error'; key: K; message: string }
  | { type: 'set'; update: (value: T | null) => T | null };

/** Folds answers into the state; an answer for any key other than the current one is dropped. */
export function keyedReducer<T, K>(state: KeyedState<T, K>, action: KeyedAction<T, K>): KeyedState<T, K> {
  switch (action.type) {
    case 'key':
      return Object.is(action.key, state.key) ? state : { key: action.key, value: null, error: null };
    case 'value':
      return Object.is(action.key, state.key) ? { key: state.key, value: action.value, error: null } : state;
    case 'error':
      return Object.is(action.key, state.key) ? { ...state, error: action.message } : state;
    case 'set':
      return { ...state, value: action.update(state.value) };
  }
}

/**
 * The state as seen for `key`. Between a change of key and the effect that follows it, the state
 * still holds the old key's answer; it is not shown for the new one.
 */
export function shownFor<T, K>(state: KeyedState<T, K>, key: K): KeyedState<T, K> {
  return Object.is(state.key, key) ? state : { key, value: null, error: null };
}
