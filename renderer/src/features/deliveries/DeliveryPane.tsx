import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { DeliveriesState } from '../../state/use-deliveries.js';
import { errorMessage } from '../../api/client.js';
import { ViewBoundary } from '../../components/ViewBoundary.js';
import { lastTarget } from '../../lib/replay.js';
import { BulkDialog } from '../bulk/BulkDialog.js';
import { ExportImport } from '../export/ExportImport.js';
import { DeliveryList } from './DeliveryList.js';
import { EmptyDeliveries } from './EmptyDeliveries.js';
import { SearchBar } from '../search/SearchBar.js';
import { SearchIndexProgress } from '../search/SearchIndexProgress.js';
import './deliveries.css';

interface Props {
  deliveries: DeliveriesState;
  endpoint: string | null;
  /** A clear deletes for the team: the endpoint (or, for all endpoints, one of them) is shared. */
  shared: boolean;
  /** The shown endpoint's forward target, the bulk replay's default. */
  forwardTarget: string | null;
  captureUrl: string | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Shown above the list (e.g. the endpoint fails on purpose). */
  notice?: ReactNode;
  query: string;
  onQuery: (query: string, mode: 'push' | 'replace') => void;
}

/** "100 of 1,234" or "100 of 10,000+ matches". */
function countText(shown: number, total: { count: number; capped: boolean } | null, searching: boolean): string {
  if (total === null) return `${shown} shown`;
  const of = `${total.count.toLocaleString('en')}${total.capped ? '+' : ''}`;
  return `${shown.toLocaleString('en')} of ${of}${searching ? (total.count === 1 && !total.capped ? ' match' : ' matches') : ''}`;
}

export function DeliveryPane({ deliveries, endpoint, shared, forwardTarget, captureUrl, selectedId, onSelect, notice, query, onQuery }: Props) {
  const { items, nextBefore, loading, loadingOlder, error, loadOlder, clear, total } = deliveries;
  const searching = query.trim() !== '';
  const [clearError, setClearError] = useState<string | null>(null);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const anchor = useRef<number | null>(null);
  const [bulkIds, setBulkIds] = useState<number[] | null>(null);
  const scope = endpoint === null ? 'all endpoints' : `endpoint "${endpoint}"`;

  // Another endpoint's list: the ticks were for rows no longer shown.
  useEffect(() => {
    setChecked(new Set());
    anchor.current = null;
  }, [endpoint]);

  // Rows deleted (or cleared) drop out of the selection.
  useEffect(() => {
    setChecked((now) => {
      if (now.size === 0) return now;
      const shown = new Set(items.map((d) => d.id));
      const kept = [...now].filter((id) => shown.has(id));
      return kept.length === now.size ? now : new Set(kept);
    });
  }, [items]);

  const onCheck = (id: number, range: boolean) => {
    const next = new Set(checked);
    const on = !checked.has(id);
    const from = range && anchor.current !== null ? items.findIndex((d) => d.id === anchor.current) : -1;
    const to = items.findIndex((d) => d.id === id);
    if (from >= 0 && to >= 0) {
      for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) {
        const rowId = items[i]!.id;
        if (on) next.add(rowId);
        else next.delete(rowId);
      }
    } else if (on) next.add(id);
    else next.delete(id);
    anchor.current = id;
    setChecked(next);
  };

  const allChecked = items.length > 0 && items.every((d) => checked.has(d.id));
  const someChecked = checked.size > 0 && !allChecked;
  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = someChecked;
  }, [someChecked]);

  // Oldest first, as bulk replay and export send them.
  const selectedIds = useMemo(() => [...checked].sort((a, b) => a - b), [checked]);
  const shownIds = useMemo(() => items.map((d) => d.id).reverse(), [items]);

  const onClear = () => {
    const everywhere = shared ? `, on every node of the team${endpoint === null ? ' for shared endpoints' : ''}` : '';
    if (!window.confirm(`Delete every delivery of ${scope}${everywhere}? This cannot be undone.`)) return;
    setClearError(null);
    clear().catch((failure: unknown) => setClearError(errorMessage(failure)));
  };

  return (
    <section className="deliveries-pane" aria-label="Deliveries">
      <header className="pane-toolbar">
        <h2 className="pane-title">{endpoint === null ? 'All deliveries' : endpoint}</h2>
        <span className="count" data-testid="delivery-count">
          {countText(items.length, total, searching)}
        </span>
        <button type="button" className="danger" onClick={onClear} disabled={items.length === 0} data-testid="clear-deliveries">
          Clear
        </button>
      </header>
      <div className="pane-actions">
        <label className="checkbox select-all" title="Select all shown">
          <input
            ref={selectAll}
            type="checkbox"
            checked={allChecked}
            disabled={items.length === 0}
            onChange={() => {
              setChecked(allChecked ? new Set() : new Set(items.map((d) => d.id)));
              anchor.current = null;
            }}
            data-testid="select-all"
          />
          <span data-testid="selected-count">{checked.size > 0 ? `${checked.size} selected` : 'Select all shown'}</span>
        </label>
        <button type="button" onClick={() => setBulkIds(selectedIds)} disabled={checked.size === 0} data-testid="bulk-replay">
          Replay selected…
        </button>
        {checked.size > 0 && (
          <button type="button" className="link-button" onClick={() => setChecked(new Set())} data-testid="clear-selection">
            Clear selection
          </button>
        )}
      </div>
      <SearchBar query={query} onQuery={onQuery} error={searching ? error : null} />
      <SearchIndexProgress />
      <ExportImport endpoint={endpoint} selectedIds={selectedIds} shownIds={shownIds} />
      {notice}
      {((!searching && error) || clearError) && (
        <p className="error-banner" role="alert">
          {clearError ?? error}
        </p>
      )}
      {items.length === 0 && !loading && searching ? (
        <p className="placeholder muted" data-testid="no-matches">
          {error ? 'Fix the search to see deliveries.' : 'No delivery matches this search.'}
        </p>
      ) : items.length === 0 && !loading ? (
        <EmptyDeliveries captureUrl={captureUrl} endpoint={endpoint} />
      ) : (
        // Rows show what senders sent (paths, providers, job ids): a row that cannot render must not take the pane.
        <ViewBoundary resetKey={items}>
          <DeliveryList items={items} selectedId={selectedId} onSelect={onSelect} onEndReached={loadOlder} checked={checked} onCheck={onCheck} />
        </ViewBoundary>
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
      {bulkIds !== null && <BulkDialog ids={bulkIds} defaultTarget={forwardTarget ?? lastTarget() ?? ''} onClose={() => setBulkIds(null)} />}
    </section>
  );
}
