import { useCallback } from 'react';
import type { MethodArgs, Settings } from '../../../electron/contract/index.js';
import type { AnyEvent, HookscopeClient } from '../api/client.js';
import { useClient } from './client-context.js';
import { useLiveResource } from './use-live-resource.js';

export interface SettingsState {
  /** null until loaded. */
  settings: Settings | null;
  error: string | null;
  /** PATCH the settings; the saved settings replace the shown ones at once. */
  update(changes: MethodArgs<'settings.update'>): Promise<Settings>;
}

const readSettings = (client: HookscopeClient) => client.invoke('settings.get', {});
const savedSettings = (message: AnyEvent) => (message.event === 'settings.saved' ? message.data : undefined);

/** The app settings (tunnel server and subdomain, own public URL, retention, archive), kept current by `settings.saved`. */
export function useSettings(): SettingsState {
  const client = useClient();
  const { value: settings, error, set } = useLiveResource(readSettings, { carried: savedSettings });

  const update = useCallback(
    async (changes: MethodArgs<'settings.update'>) => {
      const saved = await client.invoke('settings.update', changes);
      set(saved);
      return saved;
    },
    [client, set],
  );

  return { settings, error, update };
}
