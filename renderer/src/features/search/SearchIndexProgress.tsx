import { useEffect, useState } from 'react';
import type { SearchIndexProgress as Progress } from '../../../../electron/contract/index.js';
import { useClient } from '../../state/client-context.js';
import './search.css';

/** While a store from before search is indexed in the background, say how far it got: older deliveries are not found yet. */
export function SearchIndexProgress() {
  const client = useClient();
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    let live = true;
    client.invoke('store.stats', {}).then((stats) => live && setProgress(stats.searchIndex), () => undefined);
    const off = client.on((message) => {
      if (message.event === 'search.progressed') setProgress(message.data);
    });
    return () => {
      live = false;
      off();
    };
  }, [client]);

  if (!progress || progress.pending === 0 || progress.total === 0) return null;
  const done = Math.floor(((progress.total - progress.pending) / progress.total) * 100);
  return (
    <p className="muted search-indexing" role="status" data-testid="search-indexing">
      Indexing older deliveries for search: {done}% ({progress.pending.toLocaleString('en')} to go). Newer ones are searchable now.
    </p>
  );
}
