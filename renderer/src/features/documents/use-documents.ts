import { useEffect } from 'react';
import type { DocumentSummary } from '../../../../electron/contract/index.js';
import type { ResourceOptions } from '../../state/live-resource.js';
import { useKeyedLiveResource } from '../../state/use-live-resource.js';

export interface DocumentsState {
  /** null until the first answer. */
  documents: DocumentSummary[] | null;
  error: string | null;
}

/** How often documents still being fetched are asked about again (besides `documents.changed`). */
const PENDING_POLL_MS = 1500;

/** A delivery's documents by its id. */
export const documentsResource: ResourceOptions<DocumentSummary[], number> = {
  read: (client, id) => client.invoke('documents.list', { id }),
  /** Recognition finishing (`delivery.updated`) may find documents too. */
  reloadOn: (message, id) =>
    (message.event === 'documents.changed' && message.data.deliveryId === id) || (message.event === 'delivery.updated' && message.data.id === id),
};

/**
 * A delivery's documents (`documents.list`), fetched again when the core announces they changed
 * (`documents.changed`), when recognition finishes (`delivery.updated`), and while any is pending.
 */
export function useDocuments(deliveryId: number): DocumentsState {
  const { value: documents, error, reload } = useKeyedLiveResource(deliveryId, documentsResource);
  const pending = documents?.some((d) => d.state === 'pending') ?? false;

  // Each answer re-arms the poll; an event's read in the meantime makes its own answer, and its own poll.
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(reload, PENDING_POLL_MS);
    return () => clearTimeout(timer);
  }, [documents, pending, reload]);

  return { documents, error };
}
