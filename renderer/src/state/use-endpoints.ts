import { useCallback } from 'react';
import type { Endpoint, MethodArgs } from '../../../electron/contract/index.js';
import type { AnyEvent, HookscopeClient } from '../api/client.js';
import { useClient } from './client-context.js';
import { useLiveResource } from './use-live-resource.js';

const noEndpoints: Endpoint[] = [];
const readEndpoints = (client: HookscopeClient) => client.invoke('endpoints.list', {}).then((result) => result.endpoints);
/** Another window or a script may change the list. */
const endpointChanged = (message: AnyEvent) => message.event === 'endpoint.saved' || message.event === 'endpoint.deleted';

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
  const { value, error, set } = useLiveResource(readEndpoints, { reloadOn: endpointChanged });
  const endpoints = value ?? noEndpoints;
  const setEndpoints = useCallback((change: (list: Endpoint[]) => Endpoint[]) => set((list) => change(list ?? [])), [set]);

  const create = useCallback(
    async (slug: string) => {
      const endpoint = await client.invoke('endpoints.create', { slug });
      // The endpoint.saved event reloads too; adding it now makes the sidebar react instantly.
      setEndpoints((list) => (list.some((e) => e.slug === slug) ? list : [...list, endpoint]));
      return endpoint;
    },
    [client, setEndpoints],
  );

  const update = useCallback(
    async (changes: MethodArgs<'endpoints.update'>) => {
      const endpoint = await client.invoke('endpoints.update', changes);
      setEndpoints((list) => list.map((e) => (e.slug === endpoint.slug ? endpoint : e)));
      return endpoint;
    },
    [client, setEndpoints],
  );

  const remove = useCallback(
    async (slug: string) => {
      await client.invoke('endpoints.delete', { slug });
      setEndpoints((list) => list.filter((e) => e.slug !== slug));
    },
    [client, setEndpoints],
  );

  return { endpoints, error, create, update, remove };
}
