import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ExportFormat, ImportProgress, MethodArgs } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { saveFile } from '../../lib/save-file.js';
import { useClient } from '../../state/client-context.js';
import './export.css';

type Notice = { kind: 'ok' | 'error'; text: string; testId: string } | null;

const MiB = 1024 * 1024;

/** "12.5 of 200.0 MiB read, 340 entries": what the progress bar says in words. */
export function importProgressLabel(progress: Pick<ImportProgress, 'bytesRead' | 'totalBytes' | 'entries'>): string {
  const read = (progress.bytesRead / MiB).toFixed(1);
  const of = progress.totalBytes === null ? '' : ` of ${(progress.totalBytes / MiB).toFixed(1)}`;
  return `${read}${of} MiB read, ${progress.entries} ${progress.entries === 1 ? 'entry' : 'entries'}`;
}

function newImportId(): string {
  return crypto.randomUUID();
}

/**
 * Export the selection (or the current endpoint, or what is shown) as HAR or Hookscope JSON, and
 * import a HAR or JSON export into the current endpoint.
 */
export function ExportImport({ endpoint, selectedIds, shownIds }: { endpoint: string | null; selectedIds: number[]; shownIds: number[] }) {
  const client = useClient();
  const [redact, setRedact] = useState(true);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const importInto = endpoint ?? 'default';
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const importId = useRef<string | null>(null);

  useEffect(
    () =>
      client.on((message) => {
        if (message.event !== 'import.progressed' || message.data.importId !== importId.current) return;
        const update = message.data;
        setProgress((now) => (now && now.bytesRead > update.bytesRead && update.state === 'running' ? now : update));
      }),
    [client],
  );

  const scope: { args: Pick<MethodArgs<'deliveries.export'>, 'ids' | 'endpoint'>; label: string } | null =
    selectedIds.length > 0
      ? { args: { ids: selectedIds }, label: `${selectedIds.length} selected` }
      : endpoint !== null && shownIds.length > 0
        ? { args: { endpoint }, label: `all of ${endpoint}` }
        : shownIds.length > 0
          ? { args: { ids: shownIds.slice(0, 10_000) }, label: `${Math.min(shownIds.length, 10_000)} shown` }
          : null;

  const exportAs = (format: ExportFormat) => {
    if (!scope) return;
    setBusy(true);
    setNotice(null);
    client.invoke('deliveries.export', { ...scope.args, format, redact }).then(
      (result) => {
        saveFile(JSON.stringify(result.document, null, 2), result.filename, result.mediaType);
        setBusy(false);
        setNotice({
          kind: 'ok',
          text: `Exported ${result.count} ${result.count === 1 ? 'delivery' : 'deliveries'} to ${result.filename}${result.redacted ? ' (redacted)' : ''}.`,
          testId: 'export-result',
        });
      },
      (failure: unknown) => {
        setBusy(false);
        setNotice({ kind: 'error', text: errorMessage(failure), testId: 'export-error' });
      },
    );
  };

  const onFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setBusy(true);
    setNotice(null);
    const id = newImportId();
    importId.current = id;
    setProgress({ importId: id, endpoint: importInto, state: 'running', bytesRead: 0, totalBytes: file.size, entries: 0, error: null });
    // The file goes as it is, streamed: the server reads and checks it; nothing is parsed here.
    client.importFile(importInto, file, id).then(
      (result) => {
        setBusy(false);
        setProgress(null);
        setNotice({
          kind: 'ok',
          text: `Imported ${result.imported} ${result.imported === 1 ? 'delivery' : 'deliveries'} into ${importInto} (from ${file.name}).`,
          testId: 'import-result',
        });
      },
      (failure: unknown) => {
        setBusy(false);
        setProgress(null);
        setNotice({ kind: 'error', text: `${file.name}: ${errorMessage(failure)}`, testId: 'import-error' });
      },
    );
  };

  return (
    <div className="export-import" data-testid="export-import">
      <span className="export-scope muted fine" data-testid="export-scope">
        {scope ? `Export ${scope.label} as` : 'Nothing to export'}
      </span>
      <button type="button" onClick={() => exportAs('har')} disabled={!scope || busy} aria-label="Export HAR" title="Export as HAR 1.2" data-testid="export-har">
        HAR
      </button>
      <button
        type="button"
        onClick={() => exportAs('json')}
        disabled={!scope || busy}
        aria-label="Export JSON"
        title="Export as Hookscope JSON"
        data-testid="export-json"
      >
        JSON
      </button>
      <label className="checkbox fine" title="Signature headers, Authorization, cookies and API keys become [redacted]">
        <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} data-testid="export-redact" />
        redact
      </label>
      <button
        type="button"
        onClick={() => fileInput.current?.click()}
        disabled={busy}
        title={`Import a HAR 1.2 log or a Hookscope JSON export into ${importInto}`}
        data-testid="import-har"
      >
        Import HAR…
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".har,.json,application/json"
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={onFile}
        data-testid="import-file"
      />
      {progress && (
        <div className="import-progress" role="status" data-testid="import-progress">
          <progress
            max={Math.max(1, progress.totalBytes ?? progress.bytesRead)}
            value={progress.bytesRead}
            aria-label="Import progress"
          />
          <span className="muted fine" data-testid="import-progress-text">
            {importProgressLabel(progress)}
          </span>
        </div>
      )}
      {notice && (
        <p className={notice.kind === 'ok' ? 'saved-text export-notice' : 'error-text export-notice'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid={notice.testId}>
          {notice.text}
        </p>
      )}
    </div>
  );
}
