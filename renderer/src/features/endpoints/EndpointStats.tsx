import { useCallback, useEffect, useRef, useState } from 'react';
import type { EndpointStats } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { useClient } from '../../state/client-context.js';
import { formatMs } from '../../lib/durations.js';
import { profileName } from '../../lib/providers.js';
import './endpoints.css';

type State = { status: 'loading' } | { status: 'ready'; stats: EndpointStats } | { status: 'error'; message: string; stats: EndpointStats | null };

const VERDICT_TEXT: Record<EndpointStats['deadline']['verdict'], string> = {
  'no-data': 'no data yet',
  'no-deadline': 'no known deadline',
  ok: 'ok: well within the deadline',
  close: 'close to the deadline',
  over: 'over the deadline',
};

/** How fast the endpoint answers against its provider's deadline, and Adobe's error budget. */
export function EndpointStatsPanel({ slug }: { slug: string }) {
  const client = useClient();
  const [state, setState] = useState<State>({ status: 'loading' });
  const sequence = useRef(0);

  const load = useCallback(() => {
    const mine = ++sequence.current;
    client.invoke('endpoints.stats', { slug }).then(
      (stats) => mine === sequence.current && setState({ status: 'ready', stats }),
      (failure: unknown) =>
        mine === sequence.current &&
        setState((now) => ({ status: 'error', message: errorMessage(failure), stats: now.status === 'loading' ? null : now.stats })),
    );
  }, [client, slug]);

  useEffect(() => {
    load();
    // New answers of this endpoint change the numbers: refresh, at most twice a second.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.on((message) => {
      if ((message.event === 'delivery.stored' || message.event === 'delivery.updated') && message.data.endpoint === slug) {
        timer ??= setTimeout(() => {
          timer = undefined;
          load();
        }, 500);
      }
    });
    return () => {
      sequence.current += 1;
      clearTimeout(timer);
      off();
    };
  }, [client, slug, load]);

  const stats = state.status === 'loading' ? null : state.stats;
  return (
    <div className="endpoint-stats" data-testid="endpoint-stats">
      <div className="endpoint-stats-head">
        <h4>Handling against the deadline</h4>
        <button type="button" onClick={load} data-testid="refresh-stats">
          Refresh
        </button>
      </div>
      {state.status === 'loading' && <p className="muted small">Loading…</p>}
      {state.status === 'error' && (
        <p className="error-text" role="alert">
          Could not load the stats: {state.message}
        </p>
      )}
      {stats && <StatsBody stats={stats} />}
    </div>
  );
}

function StatsBody({ stats }: { stats: EndpointStats }) {
  const { deadline, adobe } = stats;
  return (
    <>
      <p className="small">
        Held to: <strong data-testid="stats-provider">{profileName(stats.provider) ?? 'no provider recognised yet'}</strong>
        {' · '}
        <span data-testid="stats-deadline">{deadline.deadlineMs === null ? 'no known deadline' : `deadline ${formatMs(deadline.deadlineMs)}`}</span>
      </p>
      <table className="stats-table" aria-label="Observed handling time">
        <thead>
          <tr>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">max</th>
            <th scope="col">answers</th>
            <th scope="col">over deadline</th>
          </tr>
        </thead>
        <tbody>
          <tr className="mono">
            <td data-testid="stats-p50">{formatMs(deadline.p50Ms)}</td>
            <td data-testid="stats-p95">{formatMs(deadline.p95Ms)}</td>
            <td data-testid="stats-max">{formatMs(deadline.maxMs)}</td>
            <td data-testid="stats-count">{deadline.count}</td>
            <td data-testid="stats-over" className={deadline.overDeadline > 0 ? 'text-danger' : undefined}>
              {deadline.overDeadline}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="small">
        Verdict:{' '}
        <span className={`verdict verdict-${deadline.verdict}`} data-testid="stats-verdict" data-verdict={deadline.verdict}>
          {VERDICT_TEXT[deadline.verdict]}
        </span>
      </p>
      {adobe && (
        <div className={`adobe-budget${adobe.blocked ? ' blocked' : adobe.remaining <= 10 ? ' close' : ''}`} data-testid="adobe-errors" data-errors={adobe.errorsLast10Min}>
          <p className="small">
            Adobe errors in the last 10 minutes:{' '}
            <strong className="mono">
              {adobe.errorsLast10Min} / {adobe.blockAt}
            </strong>
          </p>
          {adobe.blocked ? (
            <p className="note note-warning small" role="alert" data-testid="adobe-blocked">
              Adobe blocks this webhook after {adobe.blockAt} errors in 10 minutes: it is blocked now
              {adobe.blockedUntil ? ` (until ${new Date(adobe.blockedUntil).toLocaleTimeString()})` : ''}. Answer 200 {'{"ack":"done"}'}.
            </p>
          ) : (
            adobe.remaining <= 10 && (
              <p className="note note-warning small" data-testid="adobe-close">
                Close to Adobe&apos;s block: {adobe.remaining} more {adobe.remaining === 1 ? 'error' : 'errors'} in 10 minutes and it stops sending.
              </p>
            )
          )}
        </div>
      )}
    </>
  );
}
