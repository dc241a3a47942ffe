import { useState } from 'react';
import type { Endpoint } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { failureSummary } from './failure-mode-text.js';
import './endpoints.css';

/** The sidebar's marker on an endpoint that misbehaves on purpose. */
export function FailingMarker({ endpoint }: { endpoint: Endpoint }) {
  const summary = failureSummary(endpoint);
  if (summary === null) return null;
  return (
    <span className="tag tag-failing" title={`Failing on purpose: ${summary}`} data-testid="failing-marker">
      failing on purpose
    </span>
  );
}

/**
 * Above the delivery list: each shown endpoint that fails on purpose, what it does, and a way to
 * turn it off, so the sender's retries are not read as a bug.
 */
export function FailingBanner({ endpoints, onTurnOff }: { endpoints: Endpoint[]; onTurnOff: (slug: string) => Promise<unknown> }) {
  const failing = endpoints.filter((e) => e.failureMode !== null);
  if (failing.length === 0) return null;
  return (
    <div className="failing-banner alert alert-warning" role="status" data-testid="failing-banner">
      {failing.map((endpoint) => (
        <FailingLine key={endpoint.slug} endpoint={endpoint} named={failing.length > 1 || endpoints.length > 1} onTurnOff={onTurnOff} />
      ))}
    </div>
  );
}

function FailingLine({ endpoint, named, onTurnOff }: { endpoint: Endpoint; named: boolean; onTurnOff: (slug: string) => Promise<unknown> }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const turnOff = () => {
    setState({ busy: true, error: null });
    onTurnOff(endpoint.slug).then(
      () => setState({ busy: false, error: null }),
      (failure: unknown) => setState({ busy: false, error: errorMessage(failure) }),
    );
  };
  return (
    <p className="failing-line" data-testid="failing-line" data-slug={endpoint.slug}>
      <strong>Failing on purpose:</strong> {named && <code className="mono">{endpoint.slug}</code>} {failureSummary(endpoint)} —{' '}
      <button type="button" className="link-button" onClick={turnOff} disabled={state.busy} data-testid="failing-turn-off">
        turn off
      </button>
      {state.error && <span className="error-text"> {state.error}</span>}
    </p>
  );
}
