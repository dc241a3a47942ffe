import { useCallback, useEffect, useRef, useState } from 'react';
import type { Delivery } from '../../../electron/contract/index.js';
import { errorMessage } from '../api/client.js';
import { useClient } from './client-context.js';

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

const notFound = (failure: unknown) => (failure as { code?: string }).code === 'not_found';

/**
 * The full delivery (headers, body, response, verification) for the selected id, fetched on
 * selection and again whenever the core announces it changed (`delivery.updated`).
 */
export function useDelivery(id: number | null): DeliveryDetail {
  const client = useClient();
  const [state, setState] = useState<DeliveryDetailState>({ status: 'idle' });
  const refreshRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (id === null) {
      setState({ status: 'idle' });
      refreshRef.current = () => undefined;
      return;
    }
    let current = true;
    // Bumped per fetch: only the newest answer is shown when refetches overlap.
    let sequence = 0;
    const fetchDelivery = (first: boolean) => {
      const mine = ++sequence;
      if (first) setState({ status: 'loading', id });
      client.invoke('deliveries.get', { id }).then(
        (delivery) => current && mine === sequence && setState({ status: 'ready', delivery }),
        (failure: unknown) => {
          if (!current || mine !== sequence) return;
          if (notFound(failure)) setState({ status: 'gone', id });
          // A failed refetch keeps the delivery already shown rather than blanking the pane.
          else if (first) setState({ status: 'error', id, message: errorMessage(failure) });
        },
      );
    };
    refreshRef.current = () => fetchDelivery(false);
    fetchDelivery(true);

    const off = client.on((message) => {
      if (message.event === 'delivery.updated') {
        if (message.data.id === id) fetchDelivery(false);
        return;
      }
      const gone =
        (message.event === 'delivery.deleted' && message.data.id === id) ||
        message.event === 'deliveries.cleared' ||
        message.event === 'deliveries.pruned' ||
        message.event === 'endpoint.deleted';
      if (!gone) return;
      // Bulk deletions do not say which ids went; ask whether this one is still there.
      if (message.event === 'delivery.deleted') setState({ status: 'gone', id });
      else
        client.invoke('deliveries.get', { id }).catch((failure: unknown) => {
          if (current && notFound(failure)) setState({ status: 'gone', id });
        });
    });
    return () => {
      current = false;
      refreshRef.current = () => undefined;
      off();
    };
  }, [client, id]);

  const refresh = useCallback(() => refreshRef.current(), []);
  return { detail: state, refresh };
}
