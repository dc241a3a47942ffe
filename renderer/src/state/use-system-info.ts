import type { SystemInfo } from '../../../electron/contract/index.js';
import type { HookscopeClient } from '../api/client.js';
import { useLiveResource } from './use-live-resource.js';

const readInfo = (client: HookscopeClient) => client.invoke('system.info', {});

/** Capture URL, data folder, limits: read at start and again when the event stream comes back. */
export function useSystemInfo(): SystemInfo | null {
  // The panes that need it show their own errors.
  return useLiveResource(readInfo).value;
}
