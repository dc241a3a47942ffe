import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { askBodyWorker, bufferCopy, newDocumentId } from '../../lib/body-worker-client.js';
import { DEEPER_NOT_SHOWN, JSON_MAX_DEPTH, type JsonShape } from '../../lib/json-limits.js';
import { pathText, type JsonRow } from '../../lib/json-rows.js';
import './detail.css';

type State =
  | { status: 'parsing' }
  | { status: 'error'; message: string }
  | { status: 'ready'; doc: number; shape: JsonShape; rows: JsonRow[] };

const ROW_HEIGHT = 22;

/**
 * A JSON body as a tree that stays responsive at any size: parsed in the body worker, drawn a
 * screenful at a time. Opens the root, two levels of a small body, and the spine down to what the
 * event is about (Stripe's data.object).
 */
export function JsonTreeView({ bytes, charset }: { bytes: Uint8Array; charset: string | null }) {
  const [state, setState] = useState<State>({ status: 'parsing' });
  const open = useRef(new Set<string>());
  const asked = useRef(0);

  useEffect(() => {
    const doc = newDocumentId();
    let current = true;
    setState({ status: 'parsing' });
    askBodyWorker({ op: 'json-open', doc, bytes: bufferCopy(bytes), charset }).then(
      (answer) => {
        if (!current) return;
        open.current = new Set(answer.open);
        setState({ status: 'ready', doc, shape: answer.shape!, rows: answer.rows! });
      },
      (error: Error) => current && setState({ status: 'error', message: error.message }),
    );
    return () => {
      current = false;
      void askBodyWorker({ op: 'json-close', doc }).catch(() => undefined);
    };
  }, [bytes, charset]);

  if (state.status === 'parsing') return <p className="muted" data-testid="body-json-parsing">Reading JSON…</p>;
  if (state.status === 'error') {
    return (
      <p className="note note-warning" data-testid="body-json-error">
        Not valid JSON: {state.message}
      </p>
    );
  }

  const toggle = (row: JsonRow) => {
    const next = new Set(open.current);
    if (next.has(row.id)) next.delete(row.id);
    else next.add(row.id);
    open.current = next;
    const ask = ++asked.current;
    void askBodyWorker({ op: 'json-rows', doc: state.doc, open: [...next] }).then((answer) => {
      // Answers to older clicks are dropped: only the last open set is drawn.
      if (ask === asked.current) setState((now) => (now.status === 'ready' ? { ...now, rows: answer.rows! } : now));
    });
  };
  const copyValue = (row: JsonRow) =>
    askBodyWorker({ op: 'json-value', doc: state.doc, path: row.path }).then((answer) => navigator.clipboard.writeText(answer.text!));

  return (
    <>
      {state.shape.depth > JSON_MAX_DEPTH && (
        <p className="note note-warning" data-testid="body-json-deep">
          Nested {state.shape.depth.toLocaleString('en-US')} levels deep: levels past {JSON_MAX_DEPTH} are shown as “{DEEPER_NOT_SHOWN}”.
          The Text and Hex views show the body as it arrived.
        </p>
      )}
      <p className="muted fine">
        {state.shape.nodes.toLocaleString('en-US')} values. Click a row to open or close it.
      </p>
      <VirtualRows rows={state.rows} onToggle={toggle} onCopyValue={copyValue} />
    </>
  );
}

function VirtualRows({ rows, onToggle, onCopyValue }: { rows: JsonRow[]; onToggle: (row: JsonRow) => void; onCopyValue: (row: JsonRow) => Promise<void> }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  return (
    <div className="json-tree json-rows mono" ref={scroller} data-testid="body-json-tree" role="tree" aria-label="JSON body">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div key={row.id} className="json-row" style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}>
              <Row row={row} onToggle={onToggle} onCopyValue={onCopyValue} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

function Row({ row, onToggle, onCopyValue }: { row: JsonRow; onToggle: (row: JsonRow) => void; onCopyValue: (row: JsonRow) => Promise<void> }) {
  const container = row.kind === 'object' || row.kind === 'array';
  const marker = row.kind === 'more' || row.kind === 'deeper';
  const [copied, setCopied] = useState<string | null>(null);
  const flash = (what: string) => {
    setCopied(what);
    setTimeout(() => setCopied(null), 1200);
  };
  return (
    <div className="json-row-inner" style={{ paddingLeft: row.depth * 16 }} role="treeitem" aria-expanded={container ? row.open : undefined} data-testid="json-row" data-path={pathText(row.path)}>
      {container ? (
        <button type="button" className="json-toggle" onClick={() => onToggle(row)} aria-label={row.open ? 'Close' : 'Open'} data-testid="json-toggle">
          {row.open ? '▾' : '▸'}
        </button>
      ) : (
        <span className="json-toggle-space" />
      )}
      {row.key !== null && <span className="json-key">{typeof row.key === 'number' ? row.key : JSON.stringify(row.key)}: </span>}
      <span className={`json-value json-${row.kind}`} onClick={container ? () => onToggle(row) : undefined}>
        {container ? (row.kind === 'array' ? `[ ${row.size} ${row.size === 1 ? 'item' : 'items'} ]` : `{ ${row.size} ${row.size === 1 ? 'key' : 'keys'} }`) : row.preview}
      </span>
      {!marker && (
        <span className="json-row-actions">
          <button type="button" className="link-button" onClick={() => void onCopyValue(row).then(() => flash('value'), () => flash('failed'))} data-testid="json-copy-value">
            {copied === 'value' ? 'copied' : 'copy value'}
          </button>
          {row.path.length > 0 && (
            <button
              type="button"
              className="link-button"
              onClick={() => void navigator.clipboard.writeText(pathText(row.path)).then(() => flash('path'), () => flash('failed'))}
              data-testid="json-copy-path"
            >
              {copied === 'path' ? 'copied' : 'copy path'}
            </button>
          )}
        </span>
      )}
    </div>
  );
}
