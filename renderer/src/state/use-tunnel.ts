import { useCallback, useEffect, useRef, useState } from 'react';
import type { TunnelStatus } from '../../../electron/contract/index.js';
import { errorMessage } from '../api/client.js';
import { useClient } from './client-context.js';

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
  const [status, setStatus] = useState<TunnelStatus | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const mounted = useRef(true);

  const accept = useCallback((next: TunnelStatus) => setStatus((current) => newer(current, next)), []);

  useEffect(() => {
    mounted.current = true;
    let generation = 0;
    const reload = () => {
      const mine = ++generation;
      client.invoke('tunnel.status', {}).then(
        (result) => mine === generation && accept(result),
        () => undefined, // the bar keeps what it had; the connection badge tells the stream is down
      );
    };
    const offEvents = client.on((message) => {
      if (message.event === 'tunnel.changed') accept(message.data);
    });
    // Covers the first load and any change missed while the event stream was down.
    const offConnection = client.onConnection((state) => state === 'live' && reload());
    reload();
    return () => {
      mounted.current = false;
      generation += 1;
      offEvents();
      offConnection();
    };
  }, [client, accept]);

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
