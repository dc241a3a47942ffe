import type { ConnectionState } from '../api/client.js';
import './connection-badge.css';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  unauthorized: 'Signed out',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`connection connection-${state}`} data-testid="connection-state" title="Live event stream">
      <span className="status-dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
