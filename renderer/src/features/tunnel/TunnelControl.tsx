import { useEffect, useRef, useState } from 'react';
import type { SystemInfo, TunnelState as TunnelPhase, TunnelStatus } from '../../../../electron/contract/index.js';
import { CopyButton } from '../../components/CopyButton.js';
import type { SettingsState } from '../../state/use-settings.js';
import type { TunnelState } from '../../state/use-tunnel.js';
import { TunnelSettings } from './TunnelSettings.js';

const STATE_TITLES: Record<TunnelPhase, string> = {
  down: 'No public URL: senders on the internet cannot reach Hookscope through its tunnel.',
  connecting: 'Asking the tunnel server for a public URL…',
  connected: 'The public URL forwards to Hookscope.',
  reconnecting: 'The tunnel dropped; Hookscope is re-opening it with the same subdomain.',
};

interface Props {
  tunnel: TunnelState;
  settings: SettingsState;
  info: SystemInfo | null;
}

/**
 * The public URL in the top bar: the tunnel's state, its URL with a Copy button, Open/Close, the
 * last error, and the tunnel settings popover. Everything shown comes from the core as text.
 */
export function TunnelControl({ tunnel, settings, info }: Props) {
  const { status, actionError, busy, start, stop } = tunnel;
  const [settingsOpen, setSettingsOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  // The popover closes on Escape and on a click anywhere outside the tunnel control.
  useEffect(() => {
    if (!settingsOpen) return;
    const onPointer = (event: PointerEvent) => {
      if (root.current && event.target instanceof Node && !root.current.contains(event.target)) setSettingsOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setSettingsOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [settingsOpen]);

  const state: TunnelPhase = status?.state ?? 'down';
  const down = state === 'down';
  const error = actionError ?? ((state === 'down' || state === 'reconnecting') && status?.lastError ? status.lastError : null);

  return (
    <div className="tunnel-control" ref={root} data-testid="tunnel-control">
      <span className="tunnel-label">Public URL</span>
      <span className={`tunnel-state tunnel-state-${state}`} title={STATE_TITLES[state]}>
        <span className="tunnel-dot" aria-hidden="true" />
        <span data-testid="tunnel-state">{state}</span>
      </span>
      {status?.url && (
        <span className="tunnel-url">
          <code className="mono" data-testid="tunnel-url" title={status.url}>
            {status.url}
          </code>
          <CopyButton text={status.url} testId="copy-tunnel-url" />
        </span>
      )}
      {error && (
        <span className="tunnel-error" role="alert" title={error} data-testid="tunnel-error">
          {error}
        </span>
      )}
      <button
        type="button"
        className={down ? 'tunnel-toggle primary' : 'tunnel-toggle'}
        onClick={down ? start : stop}
        // Before the core announces "connecting", a second click would restart the open.
        disabled={status === null || (busy && down)}
        title={down ? `Open a public URL through ${status?.host ?? 'the tunnel server'}` : 'Close the public URL'}
        data-testid="tunnel-toggle"
      >
        {down ? 'Open public URL' : 'Close'}
      </button>
      <button
        type="button"
        className="tunnel-settings-button"
        aria-expanded={settingsOpen}
        aria-haspopup="dialog"
        onClick={() => setSettingsOpen((open) => !open)}
        title="Tunnel settings"
        data-testid="tunnel-settings-button"
      >
        <span aria-hidden="true">⚙</span>
        <span className="visually-hidden">Tunnel settings</span>
      </button>
      {settingsOpen && <TunnelSettings settings={settings} status={status} info={info} onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}

/** Shown under the top bar when a reconnect got a different URL than providers were given. */
export function TunnelUrlChanged({ status }: { status: TunnelStatus | null }) {
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!status?.urlChanged || !status.url) return null;
  const key = `${status.previousUrl ?? ''} ${status.url}`;
  if (dismissed === key) return null;
  return (
    <div className="tunnel-url-changed" role="alert">
      <span className="tunnel-url-changed-icon" aria-hidden="true">
        !
      </span>
      <p data-testid="tunnel-url-changed">
        The public URL changed from <code className="mono">{status.previousUrl ?? '(none)'}</code> to{' '}
        <code className="mono">{status.url}</code>: update the URL in your providers&apos; dashboards.
      </p>
      <CopyButton text={status.url} label="Copy new URL" />
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setDismissed(key)}>
        ×
      </button>
    </div>
  );
}
