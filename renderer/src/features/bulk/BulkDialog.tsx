import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BulkJob, MethodArgs } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { DialogHeader } from '../../components/DialogHeader.js';
import { BULK_MODES, isTargetUrl, MODE_HELP, rememberTarget, type BulkMode } from '../../lib/replay.js';
import { useClient } from '../../state/client-context.js';
import { useModal } from '../../state/use-modal.js';
import './bulk.css';

/** How often the job is polled while running, in case a progress event was missed (stream reconnect). */
const POLL_MS = 2000;

const newer = (a: BulkJob, b: BulkJob | null) => (b === null || a.done > b.done || (a.state !== 'running' && b.state === 'running') ? a : b);

/** "Replay selected…": a bulk replay of the chosen deliveries with a rate and concurrency, its progress live, and a summary. */
export function BulkDialog({ ids, defaultTarget, onClose }: { ids: number[]; defaultTarget: string; onClose: () => void }) {
  const client = useClient();
  const modal = useModal(onClose);
  const titleId = useId();
  const [target, setTarget] = useState(defaultTarget);
  const [mode, setMode] = useState<BulkMode>('as-is');
  const [concurrency, setConcurrency] = useState('1');
  const [rate, setRate] = useState('');
  const [appendPath, setAppendPath] = useState(true);
  const [job, setJob] = useState<BulkJob | null>(null);
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Progress events may beat bulk.start's answer: keep them by job id until the id is known.
  const early = useRef(new Map<string, BulkJob>());
  const jobId = useRef<string | null>(null);

  useEffect(
    () =>
      client.on((message) => {
        if (message.event !== 'bulk.progressed') return;
        const update = message.data;
        if (jobId.current === null) early.current.set(update.id, newer(update, early.current.get(update.id) ?? null));
        else if (update.id === jobId.current) setJob((now) => newer(update, now));
      }),
    [client],
  );

  const running = job?.state === 'running';
  const runningId = running ? job.id : null;
  useEffect(() => {
    if (runningId === null) return;
    const id = runningId;
    const timer = setInterval(() => {
      client.invoke('bulk.status', { id }).then(
        (status) => setJob((now) => newer(status, now)),
        () => undefined,
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [client, runningId]);

  const trimmed = target.trim();
  const concurrencyValue = Number(concurrency);
  const rateValue = rate.trim() === '' ? null : Number(rate);
  const problem =
    trimmed !== '' && !isTargetUrl(trimmed)
      ? 'The target is an http:// or https:// URL.'
      : !Number.isInteger(concurrencyValue) || concurrencyValue < 1 || concurrencyValue > 32
        ? 'Concurrency: 1 to 32.'
        : rateValue !== null && (!Number.isFinite(rateValue) || rateValue < 0.01 || rateValue > 1000)
          ? 'Rate: 0.01 to 1000 per second, or empty for no limit.'
          : null;

  const start = (event: FormEvent) => {
    event.preventDefault();
    if (problem !== null || starting || job !== null) return;
    const args: MethodArgs<'bulk.start'> = { ids, mode, appendPath, concurrency: concurrencyValue, ratePerSecond: rateValue };
    if (trimmed !== '') {
      args.target = trimmed;
      rememberTarget(trimmed);
    }
    setStarting(true);
    setError(null);
    client.invoke('bulk.start', args).then(
      (started) => {
        jobId.current = started.id;
        setStarting(false);
        setJob(newer(early.current.get(started.id) ?? started, started));
        early.current.clear();
      },
      (failure: unknown) => {
        setStarting(false);
        setError(errorMessage(failure));
      },
    );
  };

  const cancel = () => {
    if (!job) return;
    client.invoke('bulk.cancel', { id: job.id }).then(
      (status) => setJob((now) => newer(status, now)),
      (failure: unknown) => setError(errorMessage(failure)),
    );
  };

  const close = () => {
    // Closing does not stop a running job; it goes on in the core and its attempts are stored.
    onClose();
  };

  return (
    <dialog {...modal} className="settings-dialog bulk-dialog" aria-labelledby={titleId} data-testid="bulk-dialog">
      <form className="settings-form" onSubmit={start} noValidate>
        <DialogHeader titleId={titleId} onClose={close} closeTestId="bulk-close">
          Replay {ids.length} selected {ids.length === 1 ? 'delivery' : 'deliveries'}
        </DialogHeader>
        <div className="settings-body">
          <div className="settings-row">
            <label htmlFor="bulk-target">Target URL</label>
            <div className="settings-control">
              <input
                id="bulk-target"
                className="mono"
                type="url"
                value={target}
                placeholder="empty: each endpoint's forward target"
                spellCheck={false}
                autoComplete="off"
                disabled={job !== null}
                onChange={(event) => setTarget(event.target.value)}
                data-testid="bulk-target"
              />
              <label className="checkbox">
                <input type="checkbox" checked={appendPath} disabled={job !== null} onChange={(event) => setAppendPath(event.target.checked)} />
                Append each delivery&apos;s captured path
              </label>
            </div>
          </div>
          <div className="settings-row">
            <label htmlFor="bulk-mode">Mode</label>
            <div className="settings-control">
              <select id="bulk-mode" value={mode} disabled={job !== null} onChange={(event) => setMode(event.target.value as BulkMode)} data-testid="bulk-mode">
                {BULK_MODES.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
              <span className="help">{MODE_HELP[mode]}</span>
            </div>
          </div>
          <div className="settings-row">
            <label htmlFor="bulk-concurrency">Concurrency</label>
            <div className="settings-control bulk-numbers">
              <input
                id="bulk-concurrency"
                className="mono narrow"
                type="number"
                min={1}
                max={32}
                value={concurrency}
                disabled={job !== null}
                onChange={(event) => setConcurrency(event.target.value)}
                data-testid="bulk-concurrency"
              />
              <label htmlFor="bulk-rate">Rate per second</label>
              <input
                id="bulk-rate"
                className="mono narrow"
                type="number"
                min={0.01}
                max={1000}
                step="any"
                value={rate}
                placeholder="no limit"
                disabled={job !== null}
                onChange={(event) => setRate(event.target.value)}
                data-testid="bulk-rate"
              />
            </div>
          </div>
          <p className="help">Sent oldest first, {concurrency || '?'} at a time. Every attempt is stored in its delivery&apos;s replay history.</p>
          {job && <Progress job={job} />}
        </div>
        <footer className="settings-footer">
          <div className="settings-notice" aria-live="polite">
            {(error ?? problem) && (
              <p className="error-text" role="alert" data-testid="bulk-error">
                {error ?? problem}
              </p>
            )}
          </div>
          {running && (
            <button type="button" className="danger" onClick={cancel} data-testid="bulk-cancel">
              Cancel
            </button>
          )}
          <button type="button" onClick={close}>
            {running ? 'Hide' : 'Close'}
          </button>
          {job === null && (
            <button type="submit" className="primary" disabled={problem !== null || starting} data-testid="bulk-start">
              {starting ? 'Starting…' : 'Start'}
            </button>
          )}
        </footer>
      </form>
    </dialog>
  );
}

function Progress({ job }: { job: BulkJob }) {
  const outcomes = Object.entries(job.outcomes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="bulk-progress" data-testid="bulk-progress" data-state={job.state}>
      <progress max={Math.max(1, job.total)} value={job.done} aria-label="Bulk replay progress" />
      <div className="bulk-counts">
        <span data-testid="bulk-done">
          {job.done}/{job.total}
        </span>
        <span className="status-2xx" data-testid="bulk-ok">
          {job.ok} ok
        </span>
        <span className={job.failed > 0 ? 'status-5xx' : 'muted'} data-testid="bulk-failed">
          {job.failed} failed
        </span>
        {job.cancelled > 0 && <span className="muted">{job.cancelled} cancelled</span>}
        <span className="muted">{job.state === 'running' ? 'running…' : job.state}</span>
      </div>
      {job.state !== 'running' && (
        <div className="bulk-summary" data-testid="bulk-summary">
          <strong>{job.state === 'completed' ? 'Completed' : 'Cancelled'}:</strong> {job.ok} ok, {job.failed} failed
          {job.cancelled > 0 ? `, ${job.cancelled} cancelled` : ''} of {job.total}.
          {outcomes.length > 0 && (
            <ul className="bulk-outcomes">
              {outcomes.map(([outcome, count]) => (
                <li key={outcome}>
                  <span className="mono">{outcome}</span>: {count}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
