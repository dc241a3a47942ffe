import type { DeliveriesState } from '../../state/use-deliveries.js';
import { errorMessage } from '../../api/client.js';
import { DeliveryList } from './DeliveryList.js';
import { EmptyDeliveries } from './EmptyDeliveries.js';
import { useState } from 'react';

interface Props {
  deliveries: DeliveriesState;
  endpoint: string | null;
  captureUrl: string | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

export function DeliveryPane({ deliveries, endpoint, captureUrl, selectedId, onSelect }: Props) {
  const { items, nextBefore, loading, loadingOlder, error, loadOlder, clear } = deliveries;
  const [clearError, setClearError] = useState<string | null>(null);
  const scope = endpoint === null ? 'all endpoints' : `endpoint "${endpoint}"`;

  const onClear = () => {
    if (!window.confirm(`Delete every delivery of ${scope}? This cannot be undone.`)) return;
    setClearError(null);
    clear().catch((failure: unknown) => setClearError(errorMessage(failure)));
  };

  return (
    <section className="deliveries-pane" aria-label="Deliveries">
      <header className="pane-toolbar">
        <h2 className="pane-title">{endpoint === null ? 'All deliveries' : endpoint}</h2>
        <span className="count" data-testid="delivery-count">
          {items.length}
          {nextBefore !== null ? '+' : ''} shown
        </span>
        <button type="button" className="danger" onClick={onClear} disabled={items.length === 0} data-testid="clear-deliveries">
          Clear
        </button>
      </header>
      {(error ?? clearError) && (
        <p className="error-banner" role="alert">
          {error ?? clearError}
        </p>
      )}
      {items.length === 0 && !loading ? (
        <EmptyDeliveries captureUrl={captureUrl} endpoint={endpoint} />
      ) : (
        <DeliveryList items={items} selectedId={selectedId} onSelect={onSelect} onEndReached={loadOlder} />
      )}
      <footer className="pane-footer">
        {loading ? (
          <span className="muted">Loading…</span>
        ) : nextBefore !== null ? (
          <button type="button" onClick={loadOlder} disabled={loadingOlder} data-testid="load-older">
            {loadingOlder ? 'Loading…' : 'Load older'}
          </button>
        ) : (
          items.length > 0 && <span className="muted">All {items.length} loaded</span>
        )}
      </footer>
    </section>
  );
}
