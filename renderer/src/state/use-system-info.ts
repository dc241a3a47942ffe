import { useEffect, useState } from 'react';
import type { SystemInfo } from '../../../electron/contract/index.js';
import { useClient } from './client-context.js';

export function useSystemInfo(): SystemInfo | null {
  const client = useClient();
  const [info, setInfo] = useState<SystemInfo | null>(null);
  useEffect(() => {
    let current = true;
    client.invoke('system.info', {}).then(
      (result) => current && setInfo(result),
      () => undefined, // the panes that need it show their own errors
    );
    return () => {
      current = false;
    };
  }, [client]);
  return info;
}
