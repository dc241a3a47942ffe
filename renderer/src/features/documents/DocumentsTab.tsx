import { useMemo, useState } from 'react';
import { useClient } from '../../state/client-context.js';
import { useSettings } from '../../state/use-settings.js';
import { ArchiveSettings } from '../archive/ArchiveSettings.js';
import { DocumentsPanel } from './DocumentsPanel.js';
import { documentLoaderFor } from './document-loader.js';
import type { DocumentsState } from './use-documents.js';
import './documents.css';

/** The Documents tab: what the delivery pointed at, archived on arrival, with a preview. */
export function DocumentsTab({ state }: { state: DocumentsState }) {
  const client = useClient();
  const loadBytes = useMemo(() => documentLoaderFor(client), [client]);
  const settings = useSettings();
  /** The archive settings, open (focused on loopback when a refusal sent the user there) or closed. */
  const [archive, setArchive] = useState<{ focusLoopback: boolean } | null>(null);
  const refetch = (id: number) => client.invoke('documents.refetch', { id });
  return (
    <div className="documents-tab" data-testid="documents-tab">
      <div className="documents-actions">
        <button type="button" className="link-button" onClick={() => setArchive(archive ? null : { focusLoopback: false })} aria-expanded={archive !== null} data-testid="archive-settings-button">
          Archive settings…
        </button>
      </div>
      {archive && <ArchiveSettings settings={settings} focusLoopback={archive.focusLoopback} onClose={() => setArchive(null)} />}
      {state.error && (
        <p className="error-banner" role="alert" data-testid="documents-error">
          Could not list the documents: {state.error}
        </p>
      )}
      {state.documents === null ? (
        !state.error && <p className="placeholder muted">Loading documents…</p>
      ) : (
        <DocumentsPanel documents={state.documents} loadBytes={loadBytes} onRefetch={refetch} onArchiveSettings={(focusLoopback) => setArchive({ focusLoopback })} />
      )}
    </div>
  );
}

/** The count shown on the tab, or nothing when there are no documents. */
export function documentsBadge(state: DocumentsState): number | undefined {
  const count = state.documents?.length ?? 0;
  return count > 0 ? count : undefined;
}
