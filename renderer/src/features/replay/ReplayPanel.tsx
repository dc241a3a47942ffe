import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { Delivery, Endpoint, HeaderPair, MethodArgs, ReplayAttempt, ReplayMode } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { base64ToBytes } from '../../lib/base64.js';
import { formatClock, statusClass } from '../../lib/format.js';
import { appendedPath, formatDuration, isTargetUrl, lastTarget, MODE_HELP, newRequestId, rememberTarget, replayModes, strictUtf8, textToBase64 } from '../../lib/replay.js';
import { useClient } from '../../state/client-context.js';
import { AttemptView } from './AttemptView.js';
import { editProblem, RequestEditor, rowsOf, useJsonCheck, type RequestEdit } from './RequestEditor.js';
import { useReplayHistory } from './use-replay-history.js';
import './replay.css';

/** Bodies larger than this are sent as captured, not put in the editor (CodeMirror draws only what is in view; the text is still held whole). */
const EDITABLE_LIMIT = 16 * 1024 * 1024;

const MODE_LABEL: Record<ReplayMode, string> = {
  'as-is': 'As-is — exactly as captured',
  edited: 'Edited — change method, path, headers, body',
  resigned: 'Re-signed — fresh valid signature',
  'bad-signature': 'Bad signature — deliberately wrong',
};

type Shown =
  | { status: 'none' }
  | { status: 'loading'; id: number }
  | { status: 'ready'; attempt: ReplayAttempt }
  | { status: 'error'; message: string };

function originalEdit(delivery: Delivery): RequestEdit {
  const bytes = base64ToBytes(delivery.body);
  const text = delivery.rejected === null && bytes.length <= EDITABLE_LIMIT ? strictUtf8(bytes) : null;
  return { method: delivery.method, path: '', headers: rowsOf(delivery.headers), body: text };
}

const sameHeaders = (a: HeaderPair[], b: HeaderPair[]) => a.length === b.length && a.every(([n, v], i) => n === b[i]?.[0] && v === b[i]?.[1]);

/** The Replay tab: send this delivery again (as captured, edited or re-signed), see what came back, and every earlier attempt. */
export function ReplayPanel({ delivery, endpoint }: { delivery: Delivery; endpoint: Endpoint | undefined }) {
  const client = useClient();
  const forwardTarget = endpoint?.forward?.target ?? null;
  const [target, setTarget] = useState(() => forwardTarget ?? lastTarget() ?? '');
  const [mode, setMode] = useState<ReplayMode>('as-is');
  const [appendPath, setAppendPath] = useState(true);
  const [editSigned, setEditSigned] = useState(false);
  const original = useMemo(() => originalEdit(delivery), [delivery]);
  const [edit, setEdit] = useState<RequestEdit>(original);
  const [inFlight, setInFlight] = useState<string | null>(null);
  const [sendError, setSendError] = useState<string | null>(null);
  const [shown, setShown] = useState<Shown>({ status: 'none' });
  const history = useReplayHistory(delivery.id);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const signs = mode === 'resigned' || mode === 'bad-signature';
  const editing = mode === 'edited' || (signs && editSigned);
  const json = useJsonCheck(editing ? edit : null);
  const trimmed = target.trim();
  const secretMissing = signs && endpoint?.verification?.secretSet !== true;
  const problem =
    trimmed === ''
      ? forwardTarget === null
        ? 'Enter a target URL.'
        : null
      : !isTargetUrl(trimmed)
        ? 'The target is an http:// or https:// URL.'
        : secretMissing
          ? 'This endpoint has no signing secret: set one in its settings to re-sign.'
          : editing
            ? editProblem(edit, json)
            : null;
  const capturedPath = delivery.query ? `${delivery.path}?${delivery.query}` : delivery.path;
  const appended = appendedPath(delivery.url, delivery.endpoint);

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (problem !== null || inFlight !== null) return;
    const requestId = newRequestId();
    const args: MethodArgs<'replay.send'> = { id: delivery.id, mode, appendPath, requestId };
    if (trimmed !== '') args.target = trimmed;
    if (editing) {
      if (edit.method !== delivery.method) args.method = edit.method;
      if (edit.path !== '') args.path = edit.path;
      const headers: HeaderPair[] = edit.headers
        .filter((row) => row.name.trim() !== '' || row.value !== '')
        .map((row) => [row.name.trim(), row.value]);
      if (!sameHeaders(headers, delivery.headers)) args.headers = headers;
      if (edit.body !== null && edit.body !== original.body) args.body = textToBase64(edit.body);
    }
    if (trimmed !== '') rememberTarget(trimmed);
    setInFlight(requestId);
    setSendError(null);
    client.invoke('replay.send', args).then(
      (attempt) => {
        if (!mounted.current) return;
        setInFlight(null);
        setShown({ status: 'ready', attempt });
        history.add(attempt);
      },
      (failure: unknown) => {
        if (!mounted.current) return;
        setInFlight(null);
        setSendError(errorMessage(failure));
      },
    );
  };

  const cancel = () => {
    if (inFlight === null) return;
    client.invoke('replay.cancel', { requestId: inFlight }).catch((failure: unknown) => mounted.current && setSendError(errorMessage(failure)));
  };

  const showAttempt = (id: number) => {
    setShown({ status: 'loading', id });
    client.invoke('replay.get', { id }).then(
      (attempt) => mounted.current && setShown((now) => (now.status === 'loading' && now.id === id ? { status: 'ready', attempt } : now)),
      (failure: unknown) => mounted.current && setShown({ status: 'error', message: errorMessage(failure) }),
    );
  };

  const shownId = shown.status === 'ready' ? shown.attempt.id : shown.status === 'loading' ? shown.id : null;

  return (
    <div className="replay-panel" data-testid="replay-panel">
      <form className="replay-form" onSubmit={send} noValidate>
        <label className="replay-field">
          <span>Target URL</span>
          <input
            className="mono"
            type="url"
            value={target}
            placeholder={forwardTarget ?? 'http://localhost:3000/webhooks'}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => setTarget(event.target.value)}
            data-testid="replay-target"
          />
        </label>
        <div className="replay-options">
          <label className="replay-field replay-mode">
            <span>Mode</span>
            <select value={mode} onChange={(event) => setMode(event.target.value as ReplayMode)} data-testid="replay-mode">
              {replayModes.map((id) => (
                <option key={id} value={id}>
                  {MODE_LABEL[id]}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input type="checkbox" checked={appendPath} onChange={(event) => setAppendPath(event.target.checked)} data-testid="replay-append-path" />
            {appended === '' ? (
              <>Append the captured path (nothing follows <span className="mono">/{delivery.endpoint}</span>)</>
            ) : (
              <>
                Append <span className="mono muted" data-testid="replay-appended-path">{appended}</span> (what followed <span className="mono">/{delivery.endpoint}</span>)
              </>
            )}
          </label>
        </div>
        <p className="help replay-mode-help" data-testid="replay-mode-help">
          {MODE_HELP[mode]}
        </p>
        {signs && (
          <label className="checkbox">
            <input type="checkbox" checked={editSigned} onChange={(event) => setEditSigned(event.target.checked)} data-testid="replay-edit-toggle" />
            Edit the request before signing
          </label>
        )}
        {editing && <RequestEditor edit={edit} onChange={setEdit} json={json} capturedPath={capturedPath} />}
        <div className="replay-actions">
          <button type="submit" className="primary" disabled={problem !== null || inFlight !== null} data-testid="replay-send">
            {inFlight !== null ? 'Sending…' : 'Send'}
          </button>
          {inFlight !== null && (
            <button type="button" onClick={cancel} data-testid="replay-cancel">
              Cancel
            </button>
          )}
          {editing && (
            <button type="button" className="link-button" onClick={() => setEdit(originalEdit(delivery))} disabled={inFlight !== null}>
              Reset edits
            </button>
          )}
          {problem !== null && (
            <span className="help replay-problem" data-testid="replay-problem">
              {problem}
            </span>
          )}
        </div>
        {sendError && (
          <p className="error-text" role="alert" data-testid="replay-send-error">
            {sendError}
          </p>
        )}
      </form>

      {shown.status === 'loading' && <p className="muted">Loading attempt {shown.id}…</p>}
      {shown.status === 'error' && (
        <p className="error-text" role="alert">
          {shown.message}
        </p>
      )}
      {shown.status === 'ready' && <AttemptView attempt={shown.attempt} original={delivery} />}

      <h3 className="section-title">History</h3>
      {history.error && <p className="error-text">{history.error}</p>}
      {history.attempts.length === 0 ? (
        <p className="muted fine" data-testid="replay-history-empty">
          Not replayed yet.
        </p>
      ) : (
        <ul className="replay-history" data-testid="replay-history">
          {history.attempts.map((attempt) => (
            <li key={attempt.id}>
              <button
                type="button"
                className={attempt.id === shownId ? 'replay-attempt selected' : 'replay-attempt'}
                aria-pressed={attempt.id === shownId}
                onClick={() => showAttempt(attempt.id)}
                data-testid="replay-attempt"
                data-attempt-id={attempt.id}
              >
                <span className={`marker trigger trigger-${attempt.trigger}`}>{attempt.trigger}</span>{' '}
                <span className="attempt-mode">{attempt.mode}</span>
                <span className="attempt-target mono" title={attempt.request.url}>
                  {attempt.request.url}
                </span>
                {attempt.response ? (
                  <span className={`attempt-outcome mono ${statusClass(attempt.response.status)}`}>{attempt.response.status}</span>
                ) : (
                  <span className="attempt-outcome attempt-error mono" title={attempt.error?.message}>
                    {attempt.error?.code ?? 'error'}
                  </span>
                )}
                <span className="attempt-latency muted">{formatDuration(attempt.durationMs)}</span>
                <time className="attempt-time muted mono" dateTime={attempt.startedAt} title={attempt.startedAt}>
                  {formatClock(attempt.startedAt)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
      {history.nextBefore !== null && (
        <button type="button" onClick={history.loadOlder} data-testid="replay-history-older">
          Load older attempts
        </button>
      )}
    </div>
  );
}
