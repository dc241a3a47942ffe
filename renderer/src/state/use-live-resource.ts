import { useCallback, useEffect, useReducer, useRef, type Dispatch, type SetStateAction } from 'react';
import type { HookscopeClient } from '../api/client.js';
import { useClient } from './client-context.js';
import { followResource, keyedReducer, shownFor, type FollowedResource, type KeyedState, type ResourceOptions } from './live-resource.js';

/** When to read again, or take an event's value (see ResourceOptions). */
export type LiveResourceOptions<T> = Omit<ResourceOptions<T, unknown>, 'read'>;

export interface LiveResource<T> {
  /** null until the first answer (for the current key). */
  value: T | null;
  error: string | null;
  /** Replaces the value shown (an answer to the user's own change). */
  set: Dispatch<SetStateAction<T | null>>;
  /** Reads again now, keeping the value shown until the answer comes. */
  reload(): void;
}

/**
 * One way to keep what the core holds current in the page, per key (a delivery's id): read it,
 * read it again when an event says it changed and whenever the event stream comes back, and drop
 * every answer older than the latest read. A change of key drops the old key's answer at once and
 * any read for it still in flight; a null key reads nothing.
 */
export function useKeyedLiveResource<T, K>(key: K | null, resource: ResourceOptions<T, K>): LiveResource<T> {
  const client = useClient();
  const [state, dispatch] = useReducer(keyedReducer<T, K | null>, { key, value: null, error: null } as KeyedState<T, K | null>);
  const followed = useRef<FollowedResource | null>(null);

  useEffect(() => {
    dispatch({ type: 'key', key });
    if (key === null) return;
    const current = followResource(client, key, resource, {
      value: (value) => dispatch({ type: 'value', key, value }),
      error: (message) => dispatch({ type: 'error', key, message }),
    });
    followed.current = current;
    return () => {
      current.stop();
      if (followed.current === current) followed.current = null;
    };
    // The callers pass module-level resources, so the client and the key alone decide a restart.
  }, [client, key]);

  const set = useCallback<Dispatch<SetStateAction<T | null>>>(
    (action) => dispatch({ type: 'set', update: (value) => (typeof action === 'function' ? (action as (value: T | null) => T | null)(value) : action) }),
    [],
  );
  const reload = useCallback(() => followed.current?.reload(), []);
  const { value, error } = shownFor(state, key);
  return { value, error, set, reload };
}

/** The resource without a key (settings, endpoints, system info, tunnel): one of it per client. */
export function useLiveResource<T>(read: (client: HookscopeClient) => Promise<T>, options: LiveResourceOptions<T> = {}): LiveResource<T> {
  return useKeyedLiveResource<T, 'only'>('only', { read, ...options });
}
