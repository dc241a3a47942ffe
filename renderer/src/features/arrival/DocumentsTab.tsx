import { useMemo } from 'react';
import { useClient } from '../../state/client-context.js';
import { DocumentsPanel } from '../documents/DocumentsPanel.js';
import { documentLoaderFor } from './document-loader.js';
import type { DocumentsState } from './use-documents.js';
import './arrival.css';

/** The Documents tab: what the delivery pointed at, archived on arrival, with a preview. */
export function DocumentsTab({ state }: { state: DocumentsState }) {
  const client = useClient();
  const loadBytes = useMemo(() => documentLoaderFor(client), [client]);
  return (
    <div className="documents-tab" data-testid="documents-tab">
      {state.error && (
        <p className="error-banner" role="alert" data-testid="documents-error">
          Could not list the documents: {state.error}
        </p>
      )}
      {state.documents === null ? (
        !state.error && <p className="placeholder muted">Loading documents…</p>
      ) : (
        <DocumentsPanel documents={state.documents} loadBytes={loadBytes} />
      )}
    </div>
  );
}

/** The count shown on the tab, or nothing when there are no documents. */
export function documentsBadge(state: DocumentsState): number | undefined {
  const count = state.documents?.length ?? 0;
  return count > 0 ? count : undefined;
}
