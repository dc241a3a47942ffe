import { useEffect, useState } from 'react';
import type { DocumentSummary } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { useClient } from '../../state/client-context.js';

export interface DocumentsState {
  /** null until the first answer. */
  documents: DocumentSummary[] | null;
  error: string | null;
}

/** How often documents still being fetched are asked about again (besides `documents.changed`). */
const PENDING_POLL_MS = 1500;

/**
 * A delivery's documents (`documents.list`), fetched again when the core announces they changed
 * (`documents.changed`), when recognition finishes (`delivery.updated`), and while any is pending.
 */
export function useDocuments(deliveryId: number): DocumentsState {
  const client = useClient();
  const [state, setState] = useState<DocumentsState>({ documents: null, error: null });

  useEffect(() => {
    let current = true;
    let sequence = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchList = () => {
      const mine = ++sequence;
      clearTimeout(timer);
      client.invoke('documents.list', { id: deliveryId }).then(
        (documents) => {
          if (!current || mine !== sequence) return;
          setState({ documents, error: null });
          if (documents.some((d) => d.state === 'pending')) timer = setTimeout(fetchList, PENDING_POLL_MS);
        },
        (failure: unknown) => {
          if (!current || mine !== sequence) return;
          setState((now) => ({ documents: now.documents, error: errorMessage(failure) }));
        },
      );
    };
    setState({ documents: null, error: null });
    fetchList();
    const off = client.on((message) => {
      if (message.event === 'documents.changed' && message.data.deliveryId === deliveryId) fetchList();
      else if (message.event === 'delivery.updated' && message.data.id === deliveryId) fetchList();
    });
    return () => {
      current = false;
      clearTimeout(timer);
      off();
    };
  }, [client, deliveryId]);

  return state;
}
