import { useCallback, useEffect, useRef, useState } from 'react';
import type { TunnelStatus } from '../../../electron/contract/index.js';
import { errorMessage, type AnyEvent, type HookscopeClient } from '../api/client.js';
import { useClient } from './client-context.js';
import { useLiveResource } from './use-live-resource.js';

const readStatus = (client: HookscopeClient) => client.invoke('tunnel.status', {});
const changedStatus = (message: AnyEvent) => (message.event === 'tunnel.changed' ? message.data : undefined);

export interface TunnelState {
  /** null until the first `tunnel.status` answer. */
  status: TunnelStatus | null;
  /** A start/stop call that failed outright (network, refused arguments); the tunnel's own errors are in status.lastError. */
  actionError: string | null;
  /** A start or stop call is in flight. */
  busy: boolean;
  start(): void;
  stop(): void;
}

/**
 * Statuses reach the renderer by two roads (call answers and `tunnel.changed` events) that may
 * overtake each other; `since` changes with every state change, so an older one is dropped.
 */
function newer(current: TunnelStatus | null, next: TunnelStatus): TunnelStatus | null {
  if (current === null || next.since >= current.since) return next;
  return current;
}

/** The tunnel's status: first from `tunnel.status`, then live from `tunnel.changed`. */
export function useTunnel(): TunnelState {
  const client = useClient();
  // The first status from `tunnel.status`, then live from `tunnel.changed` (a read in flight when an
  // event arrives is dropped: the event is newer).
  const { value: status, set } = useLiveResource(readStatus, { carried: changedStatus });
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** A start or stop answer may arrive after a newer `tunnel.changed`. */
  const accept = useCallback((next: TunnelStatus) => set((current) => newer(current, next)), [set]);

  const run = useCallback(
    (call: () => Promise<TunnelStatus>) => {
      setBusy(true);
      setActionError(null);
      call().then(
        (result) => {
          if (!mounted.current) return;
          setBusy(false);
          accept(result);
        },
        (failure: unknown) => {
          if (!mounted.current) return;
          setBusy(false);
          setActionError(errorMessage(failure));
        },
      );
    },
    [accept],
  );

  // Arguments default to the saved tunnel settings on the core's side.
  const start = useCallback(() => run(() => client.invoke('tunnel.start', {})), [client, run]);
  const stop = useCallback(() => run(() => client.invoke('tunnel.stop', {})), [client, run]);

  return { status, actionError, busy, start, stop };
}
