import { useEffect, useState } from 'react';
import type { Delivery } from '../../../electron/contract/index.js';
import { errorMessage } from '../api/client.js';
import { useClient } from './client-context.js';

export type DeliveryDetailState =
  | { status: 'idle' }
  | { status: 'loading'; id: number }
  | { status: 'ready'; delivery: Delivery }
  | { status: 'gone'; id: number }
  | { status: 'error'; id: number; message: string };

/** The full delivery (headers, body, response) for the selected id, fetched on selection. */
export function useDelivery(id: number | null): DeliveryDetailState {
  const client = useClient();
  const [state, setState] = useState<DeliveryDetailState>({ status: 'idle' });

  useEffect(() => {
    if (id === null) {
      setState({ status: 'idle' });
      return;
    }
    let current = true;
    setState({ status: 'loading', id });
    client.invoke('deliveries.get', { id }).then(
      (delivery) => current && setState({ status: 'ready', delivery }),
      (failure: unknown) => {
        if (!current) return;
        const notFound = (failure as { code?: string }).code === 'not_found';
        setState(notFound ? { status: 'gone', id } : { status: 'error', id, message: errorMessage(failure) });
      },
    );
    const off = client.on((message) => {
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
          if (current && (failure as { code?: string }).code === 'not_found') setState({ status: 'gone', id });
        });
    });
    return () => {
      current = false;
      off();
    };
  }, [client, id]);

  return state;
}
