import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { errorMessage, type AnyEvent, type HookscopeClient } from '../api/client.js';
import { useClient } from './client-context.js';

export interface LiveResourceOptions<T> {
  /** Events after which the resource is read again. */
  reloadOn?: (message: AnyEvent) => boolean;
  /** Events that carry the new value themselves: taken as it is, and any read in flight dropped. */
  carried?: (message: AnyEvent) => T | undefined;
}

export interface LiveResource<T> {
  /** null until the first answer. */
  value: T | null;
  error: string | null;
  /** Replaces the value shown (an answer to the user's own change). */
  set: Dispatch<SetStateAction<T | null>>;
}

/**
 * One way to keep what the core holds current in the page: read it, read it again when an event
 * says it changed and whenever the event stream comes back (events may have been missed), and drop
 * every answer older than the latest read, so a slow reply never overwrites a newer one.
 */
export function useLiveResource<T>(read: (client: HookscopeClient) => Promise<T>, options: LiveResourceOptions<T> = {}): LiveResource<T> {
  const client = useClient();
  const [value, set] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { reloadOn, carried } = options;

  useEffect(() => {
    let generation = 0;
    const reload = () => {
      const mine = ++generation;
      read(client).then(
        (result) => {
          if (mine !== generation) return;
          set(result);
          setError(null);
        },
        (failure: unknown) => mine === generation && setError(errorMessage(failure)),
      );
    };
    const offEvents = client.on((message) => {
      const value = carried?.(message);
      if (value !== undefined) {
        generation += 1; // a read in flight is older than this
        set(value);
      } else if (reloadOn?.(message)) reload();
    });
    const offConnection = client.onConnection((state) => state === 'live' && reload());
    reload();
    return () => {
      generation += 1;
      offEvents();
      offConnection();
    };
    // The callers pass module-level functions, so the client alone decides a restart.
  }, [client]);

  return { value, error, set };
}
