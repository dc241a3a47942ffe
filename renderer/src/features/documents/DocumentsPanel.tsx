import { useEffect, useRef, useState } from 'react';
import type { DocumentState, DocumentSummary } from '../../../../electron/contract/recognition.js';
import { errorMessage } from '../../api/transport.js';
import type { LoadDocumentBytes } from '../../lib/pdf/document-bytes.js';
import { documentFileName } from '../../lib/pdf/file-name.js';
import { formatFileSize, shortHash } from '../../lib/pdf/format.js';
import type { SaveDocument } from '../../lib/pdf/save.js';
import { PdfPreview } from './PdfPreview.js';
import { PreviewBoundary } from './PreviewBoundary.js';
import './documents.css';

export interface DocumentsPanelProps {
  /** The delivery's documents (`documents.list`). */
  documents: DocumentSummary[];
  /** The archived bytes of one document: HTTP (lib/pdf/document-bytes.ts) or the desktop bridge. */
  loadBytes: LoadDocumentBytes;
  /** Desktop: save through the shell's dialog. Without it (or outside the shell), a download. */
  onSave?: SaveDocument;
  /** Fetches a failed linked document again (`documents.refetch`); without it, no "Fetch again". */
  onRefetch?: (id: number) => Promise<unknown>;
  /** Opens the archive settings (focused on "allow loopback" when a loopback link was refused). */
  onArchiveSettings?: (focusLoopback: boolean) => void;
}

const STATE_LABEL: Record<DocumentState, string> = { archived: 'Archived', failed: 'Failed', pending: 'Fetching…' };

function originText(doc: DocumentSummary): string {
  if (doc.origin === 'body') return 'the request body itself';
  if (doc.origin === 'multipart') return doc.field ? `multipart part “${doc.field}”` : 'a multipart part';
  return doc.field ? `the link in “${doc.field}”` : 'a link in the payload';
}

type Bytes = { id: number; status: 'loading' } | { id: number; status: 'ready'; bytes: Uint8Array } | { id: number; status: 'error'; message: string };

/**
 * The documents a delivery pointed at, as archived on arrival, and a preview of the one picked.
 * Source URLs come from the payload: they are shown as text, never as links.
 */
export function DocumentsPanel({ documents, loadBytes, onSave, onRefetch, onArchiveSettings }: DocumentsPanelProps) {
  const [picked, setPicked] = useState<number | null>(null);
  const [bytes, setBytes] = useState<Bytes | null>(null);
  const [reload, setReload] = useState(0);
  const loadRef = useRef(loadBytes);
  loadRef.current = loadBytes;

  // The picked document, else the first archived one.
  const selected = documents.find((d) => d.id === picked && d.state === 'archived') ?? documents.find((d) => d.state === 'archived') ?? null;
  const selectedId = selected?.id ?? null;
  // Refetch if the archived file changed under the same id (e.g. re-fetched after a failure).
  const selectedVersion = selected ? `${selected.id}:${selected.sha256 ?? ''}` : null;

  useEffect(() => {
    if (selectedId === null) return;
    let cancelled = false;
    setBytes({ id: selectedId, status: 'loading' });
    loadRef.current(selectedId).then(
      (data) => {
        if (!cancelled) setBytes({ id: selectedId, status: 'ready', bytes: data });
      },
      (failure: unknown) => {
        if (!cancelled) setBytes({ id: selectedId, status: 'error', message: errorMessage(failure) });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [selectedId, selectedVersion, reload]);

  if (documents.length === 0) {
    return (
      <section className="documents-panel" data-testid="documents-panel">
        <p className="placeholder muted" data-testid="documents-empty">
          This delivery points at no document.
        </p>
      </section>
    );
  }

  const current = bytes && bytes.id === selectedId ? bytes : null;

  return (
    <section className="documents-panel" data-testid="documents-panel">
      <ul className="document-list" aria-label="Documents">
        {documents.map((doc) => (
          <DocumentItem
            key={doc.id}
            doc={doc}
            selected={doc.id === selectedId}
            onPreview={() => setPicked(doc.id)}
            onRefetch={onRefetch}
            onArchiveSettings={onArchiveSettings}
          />
        ))}
      </ul>
      {selected && (
        <div className="document-preview" data-testid="document-preview" data-document-id={selected.id}>
          {(!current || current.status === 'loading') && <p className="placeholder muted">Loading document {selected.id}…</p>}
          {current?.status === 'error' && (
            <p className="alert alert-danger" role="alert" data-testid="document-load-error">
              Could not load document {selected.id}: {current.message}{' '}
              <button type="button" className="link-button" onClick={() => setReload((n) => n + 1)}>
                Retry
              </button>
            </p>
          )}
          {current?.status === 'ready' && (
            <PreviewBoundary key={`${selected.id}:${reload}`} resetKey={`${selected.id}:${reload}`}>
              <PdfPreview
                bytes={current.bytes}
                claims={selected.claims}
                fileName={documentFileName(selected)}
                onSave={onSave}
                reportedMismatches={selected.mismatches}
              />
            </PreviewBoundary>
          )}
        </div>
      )}
    </section>
  );
}

/** A loopback link refused by the address guard: the one refusal a setting can lift. */
const refusedLoopback = (doc: DocumentSummary) => doc.error?.code === 'blocked_address' && /\bloopback\b/.test(doc.error.message);

function DocumentItem({
  doc,
  selected,
  onPreview,
  onRefetch,
  onArchiveSettings,
}: {
  doc: DocumentSummary;
  selected: boolean;
  onPreview: () => void;
  onRefetch?: (id: number) => Promise<unknown>;
  onArchiveSettings?: (focusLoopback: boolean) => void;
}) {
  const [refetch, setRefetch] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const fetchAgain = () => {
    if (!onRefetch) return;
    setRefetch({ busy: true, error: null });
    onRefetch(doc.id).then(
      () => setRefetch({ busy: false, error: null }),
      (failure: unknown) => setRefetch({ busy: false, error: errorMessage(failure) }),
    );
  };
  const facts: string[] = [];
  if (doc.size !== null) facts.push(formatFileSize(doc.size));
  if (doc.pages !== null) facts.push(`${doc.pages} ${doc.pages === 1 ? 'page' : 'pages'}`);
  if (doc.contentType) facts.push(doc.contentType);

  return (
    <li
      className={`document-item document-${doc.state}${selected ? ' selected' : ''}${doc.mismatches.length > 0 ? ' has-mismatch' : ''}`}
      data-testid="document-item"
      data-document-id={doc.id}
      data-state={doc.state}
    >
      <div className="document-head">
        <span className={`document-state document-state-${doc.state}`} data-testid="document-state">
          {STATE_LABEL[doc.state]}
        </span>
        <span className="document-facts" data-testid="document-facts">
          {facts.join(' · ') || '—'}
        </span>
        {doc.sha256 && (
          <span className="document-hash mono" title={`SHA-256 ${doc.sha256}`} data-testid="document-sha256">
            sha256 {shortHash(doc.sha256)}
          </span>
        )}
        {doc.state === 'archived' && (
          <button type="button" className="document-preview-button" onClick={onPreview} aria-pressed={selected} data-testid="document-preview-button">
            {selected ? 'Previewing' : 'Preview'}
          </button>
        )}
      </div>
      <div className="document-source">
        <span className="muted">From {originText(doc)}</span>
        {doc.sourceUrl && (
          // Text, not a link: the URL is the sender's.
          <span className="document-url mono break" data-testid="document-source-url">
            {doc.sourceUrl}
          </span>
        )}
      </div>
      {doc.state === 'failed' && (
        <p className="document-error" role="alert" data-testid="document-error">
          {doc.error ? (
            <>
              <span className="mono">{doc.error.code}</span>: {doc.error.message}
            </>
          ) : (
            'The document could not be fetched.'
          )}
        </p>
      )}
      {doc.state === 'failed' && doc.origin === 'link' && (onRefetch || onArchiveSettings) && (
        <div className="document-actions">
          {onRefetch && (
            <button type="button" onClick={fetchAgain} disabled={refetch.busy} data-testid="document-refetch">
              {refetch.busy ? 'Asking…' : 'Fetch again'}
            </button>
          )}
          {onArchiveSettings && refusedLoopback(doc) && (
            <button type="button" className="link-button" onClick={() => onArchiveSettings(true)} data-testid="document-allow-loopback">
              Allow loopback in the archive settings
            </button>
          )}
          {refetch.error && (
            <span className="error-text" role="alert" data-testid="document-refetch-error">
              {refetch.error}
            </span>
          )}
        </div>
      )}
      {doc.mismatches.length > 0 && (
        <ul className="mismatch-list" aria-label="Claims the file contradicts">
          {doc.mismatches.map((text) => (
            <li key={text} className="mismatch" data-testid="document-mismatch">
              <span aria-hidden="true">⚠ </span>Mismatch: {text}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
