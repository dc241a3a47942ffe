import { useMemo } from 'react';
import type { Delivery } from '../../../electron/contract/index.js';
import type { ResourceOptions } from './live-resource.js';
import { useKeyedLiveResource } from './use-live-resource.js';

export type DeliveryDetailState =
  | { status: 'idle' }
  | { status: 'loading'; id: number }
  | { status: 'ready'; delivery: Delivery }
  | { status: 'gone'; id: number }
  | { status: 'error'; id: number; message: string };

export interface DeliveryDetail {
  detail: DeliveryDetailState;
  /** Fetches the open delivery again, keeping the current one on screen meanwhile. */
  refresh(): void;
}

/** A deleted delivery is an answer too, not an error: the pane says so instead of "could not load". */
export type Found = { delivery: Delivery } | 'gone';

const notFound = (failure: unknown) => (failure as { code?: string }).code === 'not_found';

/** The selected delivery by id: read again when it changes, gone when it is deleted. */
export const deliveryResource: ResourceOptions<Found, number> = {
  read: (client, id) =>
    client.invoke('deliveries.get', { id }).then(
      (delivery): Found => ({ delivery }),
      (failure: unknown) => (notFound(failure) ? 'gone' : Promise.reject(failure)),
    ),
  /** Bulk deletions do not say which ids went: read again, and a not_found answer says this one did. */
  reloadOn: (message, id) =>
    (message.event === 'delivery.updated' && message.data.id === id) ||
    message.event === 'deliveries.cleared' ||
    message.event === 'deliveries.pruned' ||
    message.event === 'endpoint.deleted',
  carried: (message, id) => (message.event === 'delivery.deleted' && message.data.id === id ? 'gone' : undefined),
};

/**
 * The full delivery (headers, body, response, verification) for the selected id, fetched on
 * selection and again whenever the core announces it changed (`delivery.updated`).
 */
export function useDelivery(id: number | null): DeliveryDetail {
  const { value, error, reload } = useKeyedLiveResource(id, deliveryResource);
  const detail = useMemo((): DeliveryDetailState => {
    if (id === null) return { status: 'idle' };
    if (value === 'gone') return { status: 'gone', id };
    // A failed refetch keeps the delivery already shown rather than blanking the pane.
    if (value) return { status: 'ready', delivery: value.delivery };
    if (error !== null) return { status: 'error', id, message: error };
    return { status: 'loading', id };
  }, [id, value, error]);
  return { detail, refresh: reload };
}
