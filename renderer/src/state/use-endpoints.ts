import { useCallback, useEffect, useState } from 'react';
import type { Endpoint, MethodArgs } from '../../../electron/contract/index.js';
import { errorMessage } from '../api/client.js';
import { useClient } from './client-context.js';

export interface EndpointsState {
  endpoints: Endpoint[];
  error: string | null;
  create(slug: string): Promise<Endpoint>;
  /** PATCH an endpoint; the list shows the saved endpoint at once. */
  update(changes: MethodArgs<'endpoints.update'>): Promise<Endpoint>;
  remove(slug: string): Promise<void>;
}

/** The endpoint list, kept current from `endpoint.*` events (another window or a script may change it). */
export function useEndpoints(): EndpointsState {
  const client = useClient();
  const [endpoints, setEndpoints] = useState<Endpoint[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let generation = 0;
    const reload = () => {
      const mine = ++generation;
      client.invoke('endpoints.list', {}).then(
        (result) => {
          if (mine !== generation) return;
          setEndpoints(result.endpoints);
          setError(null);
        },
        (failure: unknown) => mine === generation && setError(errorMessage(failure)),
      );
    };
    const offEvents = client.on((message) => {
      if (message.event === 'endpoint.saved' || message.event === 'endpoint.deleted') reload();
    });
    // Covers the first load and any endpoint event missed while the stream was down.
    const offConnection = client.onConnection((state) => state === 'live' && reload());
    reload();
    return () => {
      generation += 1;
      offEvents();
      offConnection();
    };
  }, [client]);

  const create = useCallback(
    async (slug: string) => {
      const endpoint = await client.invoke('endpoints.create', { slug });
      // The endpoint.saved event reloads too; adding it now makes the sidebar react instantly.
      setEndpoints((list) => (list.some((e) => e.slug === slug) ? list : [...list, endpoint]));
      return endpoint;
    },
    [client],
  );

  const update = useCallback(
    async (changes: MethodArgs<'endpoints.update'>) => {
      const endpoint = await client.invoke('endpoints.update', changes);
      setEndpoints((list) => list.map((e) => (e.slug === endpoint.slug ? endpoint : e)));
      return endpoint;
    },
    [client],
  );

  const remove = useCallback(
    async (slug: string) => {
      await client.invoke('endpoints.delete', { slug });
      setEndpoints((list) => list.filter((e) => e.slug !== slug));
    },
    [client],
  );

  return { endpoints, error, create, update, remove };
}
