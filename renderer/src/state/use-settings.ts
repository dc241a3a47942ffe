import { useCallback, useEffect, useState } from 'react';
import type { MethodArgs, Settings } from '../../../electron/contract/index.js';
import { errorMessage } from '../api/client.js';
import { useClient } from './client-context.js';

export interface SettingsState {
  /** null until loaded. */
  settings: Settings | null;
  error: string | null;
  /** PATCH the settings; the saved settings replace the shown ones at once. */
  update(changes: MethodArgs<'settings.update'>): Promise<Settings>;
}

/** The app settings (tunnel server and subdomain, own public URL, retention, archive), kept current by `settings.saved` and re-read when the event stream reconnects. */
export function useSettings(): SettingsState {
  const client = useClient();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let generation = 0;
    const reload = () => {
      const mine = ++generation;
      client.invoke('settings.get', {}).then(
        (result) => {
          if (mine !== generation) return;
          setSettings(result);
          setError(null);
        },
        (failure: unknown) => mine === generation && setError(errorMessage(failure)),
      );
    };
    const offEvents = client.on((message) => {
      if (message.event !== 'settings.saved') return;
      generation += 1; // a reload in flight would be older than this
      setSettings(message.data);
    });
    const offConnection = client.onConnection((state) => state === 'live' && reload());
    reload();
    return () => {
      generation += 1;
      offEvents();
      offConnection();
    };
  }, [client]);

  const update = useCallback(
    async (changes: MethodArgs<'settings.update'>) => {
      const saved = await client.invoke('settings.update', changes);
      setSettings(saved);
      return saved;
    },
    [client],
  );

  return { settings, error, update };
}
