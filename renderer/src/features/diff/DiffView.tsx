import { useMemo } from 'react';
import type { DiffRow } from '../../lib/body-diff.js';
import { formatBytes } from '../../lib/format.js';
import { diffHeaders } from '../../lib/header-diff.js';
import type { DiffSubject } from './diff-subject.js';
import { useBodyDiff } from './use-body-diff.js';
import './diff.css';

const SIGN = { same: ' ', added: '+', removed: '-' } as const;

/** Two requests side by side in one column: request line, headers in order, body (JSON by content). Text only. */
export function DiffView({ left, right }: { left: DiffSubject; right: DiffSubject }) {
  const headers = useMemo(() => diffHeaders(left.headers, right.headers), [left.headers, right.headers]);
  const headerChanges = headers.filter((row) => row.kind !== 'same').length;
  const lineChanged = left.method !== right.method || left.url !== right.url;
  return (
    <div className="diff-view" data-testid="diff-view">
      <p className="diff-legend">
        <span className="diff-removed">− {left.label}</span> <span className="diff-added">+ {right.label}</span>
      </p>
      <h4 className="diff-title">Request line</h4>
      {lineChanged ? (
        <pre className="diff-lines mono" data-testid="diff-request-line">
          <span className="diff-row diff-removed">- {left.method} {left.url}</span>
          <span className="diff-row diff-added">+ {right.method} {right.url}</span>
        </pre>
      ) : (
        <p className="muted fine" data-testid="diff-request-line">
          Same: <span className="mono">{left.method} {left.url}</span>
        </p>
      )}
      <h4 className="diff-title">
        Headers <span className="muted fine">{headerChanges === 0 ? 'the same, in the same order (names compared without case)' : `${headerChanges} changed lines`}</span>
      </h4>
      <pre className="diff-lines mono" data-testid="diff-headers">
        {headers.map((row, index) => (
          <span key={index} className={`diff-row diff-${row.kind}`} data-kind={row.kind}>
            {SIGN[row.kind]} {row.name}: {row.value}
          </span>
        ))}
      </pre>
      <BodyDiffSection left={left} right={right} />
    </div>
  );
}

function BodyDiffSection({ left, right }: { left: DiffSubject; right: DiffSubject }) {
  const state = useBodyDiff(left, right);
  const sizes = `${formatBytes(left.body.length)} → ${formatBytes(right.body.length)}`;
  return (
    <>
      <h4 className="diff-title">
        Body <span className="muted fine">{sizes}</span>
      </h4>
      {state.status === 'loading' && <p className="muted">Comparing the bodies…</p>}
      {state.status === 'error' && (
        <p className="error-text" role="alert">
          The bodies could not be compared: {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          <p className="help" data-testid="diff-body-summary" data-mode={state.diff.mode}>
            {state.diff.identical
              ? 'No difference.'
              : state.diff.mode === 'bytes'
                ? 'The bodies differ.'
                : `${state.diff.removed} lines removed, ${state.diff.added} added${state.diff.mode === 'json' ? ' (JSON compared by content: keys sorted, one indentation)' : ''}.`}
          </p>
          {state.diff.note && <p className="note" data-testid="diff-body-note">{state.diff.note}</p>}
          {state.diff.rows.length > 0 && (
            <pre className="diff-lines mono" data-testid="diff-body">
              {state.diff.rows.map((row, index) => (
                <BodyRow key={index} row={row} />
              ))}
            </pre>
          )}
        </>
      )}
    </>
  );
}

function BodyRow({ row }: { row: DiffRow }) {
  if (row.kind === 'skip') {
    return (
      <span className="diff-row diff-skip" data-kind="skip">
        … {row.count.toLocaleString('en-US')} unchanged line{row.count === 1 ? '' : 's'}
      </span>
    );
  }
  return (
    <span className={`diff-row diff-${row.kind}`} data-kind={row.kind}>
      {SIGN[row.kind]} {row.text}
    </span>
  );
}
