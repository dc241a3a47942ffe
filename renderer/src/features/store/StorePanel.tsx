import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { StoreStats } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { formatBytes } from '../../lib/format.js';
import { useClient } from '../../state/client-context.js';
import type { SettingsState } from '../../state/use-settings.js';
import './store.css';

const DAY = 86_400_000;

/** The store: how big it is, the retention policy (off by default), and "delete older than …" with a confirmation. */
export function StorePanel({ settings, onClose }: { settings: SettingsState; onClose: () => void }) {
  const client = useClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [stats, setStats] = useState<StoreStats | null>(null);
  const [notice, setNotice] = useState<{ kind: 'error' | 'saved'; text: string } | null>(null);
  const retention = settings.settings?.retention;
  const [maxCount, setMaxCount] = useState('');
  const [maxAgeDays, setMaxAgeDays] = useState('');
  const [olderThanDays, setOlderThanDays] = useState('30');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const refresh = useCallback(
    () => client.invoke('store.stats', {}).then(setStats, (failure: unknown) => setNotice({ kind: 'error', text: errorMessage(failure) })),
    [client],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  useEffect(() => {
    setMaxCount(retention?.maxCount == null ? '' : String(retention.maxCount));
    setMaxAgeDays(retention?.maxAgeDays == null ? '' : String(retention.maxAgeDays));
  }, [retention?.maxCount, retention?.maxAgeDays]);

  const limit = (text: string): number | null | 'bad' => {
    if (text.trim() === '') return null;
    const n = Number(text);
    return Number.isInteger(n) && n > 0 ? n : 'bad';
  };

  const saveRetention = (event: FormEvent) => {
    event.preventDefault();
    const count = limit(maxCount);
    const age = limit(maxAgeDays);
    if (count === 'bad' || age === 'bad') {
      setNotice({ kind: 'error', text: 'Limits are whole numbers above 0, or empty for none.' });
      return;
    }
    settings.update({ retention: { maxCount: count, maxAgeDays: age } }).then(
      () => {
        setNotice({ kind: 'saved', text: 'Retention saved and applied.' });
        void refresh();
      },
      (failure: unknown) => setNotice({ kind: 'error', text: errorMessage(failure) }),
    );
  };

  const deleteOlder = (event: FormEvent) => {
    event.preventDefault();
    const days = limit(olderThanDays);
    if (days === null || days === 'bad') {
      setNotice({ kind: 'error', text: 'Give a number of days above 0.' });
      return;
    }
    const before = new Date(Date.now() - days * DAY);
    if (!window.confirm(`Delete every delivery received before ${before.toLocaleString()} (older than ${days} days)? This cannot be undone.`)) return;
    client.invoke('deliveries.prune', { before: before.toISOString() }).then(
      ({ deleted }) => {
        setNotice({ kind: 'saved', text: `Deleted ${deleted.toLocaleString('en')} deliveries.` });
        void refresh();
      },
      (failure: unknown) => setNotice({ kind: 'error', text: errorMessage(failure) }),
    );
  };

  return (
    <dialog ref={dialog} className="store-panel" aria-labelledby={titleId} onClose={onClose} data-testid="store-panel">
      <header className="dialog-header">
        <h2 id={titleId}>Store</h2>
        <button type="button" className="link-button" onClick={onClose} data-testid="store-close">
          Close
        </button>
      </header>
      <p data-testid="store-size">
        {stats
          ? `${stats.deliveries.toLocaleString('en')} deliveries, ${formatBytes(stats.databaseBytes)} on disk.`
          : 'Reading the store…'}
        {stats && stats.searchIndex.pending > 0 && ` Indexing older deliveries for search: ${stats.searchIndex.pending.toLocaleString('en')} to go.`}
      </p>
      <form className="store-form" onSubmit={saveRetention}>
        <h3>Retention</h3>
        <p className="help">Nothing is deleted unless you set a limit. Limits apply to all endpoints together.</p>
        <label>
          Keep at most <input type="number" min={1} value={maxCount} onChange={(e) => setMaxCount(e.target.value)} placeholder="no limit" data-testid="retention-count" /> deliveries
        </label>
        <label>
          Delete after <input type="number" min={1} value={maxAgeDays} onChange={(e) => setMaxAgeDays(e.target.value)} placeholder="never" data-testid="retention-days" /> days
        </label>
        <button type="submit" data-testid="retention-save">
          Save retention
        </button>
      </form>
      <form className="store-form" onSubmit={deleteOlder}>
        <h3>Delete older deliveries</h3>
        <label>
          Delete deliveries older than <input type="number" min={1} value={olderThanDays} onChange={(e) => setOlderThanDays(e.target.value)} data-testid="delete-older-days" /> days
        </label>
        <button type="submit" className="danger" data-testid="delete-older">
          Delete…
        </button>
      </form>
      {notice && (
        <p className={notice.kind === 'error' ? 'error-text' : 'muted'} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="store-notice">
          {notice.text}
        </p>
      )}
    </dialog>
  );
}
