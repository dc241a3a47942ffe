import { useCallback, useEffect, useRef, useState } from 'react';
import type { SystemInfo, TunnelState as TunnelPhase, TunnelStatus } from '../../../../electron/contract/index.js';
import { CopyButton } from '../../components/CopyButton.js';
import { useDismiss } from '../../state/use-dismiss.js';
import type { SettingsState } from '../../state/use-settings.js';
import type { TunnelState } from '../../state/use-tunnel.js';
import { TunnelErrorHelp } from './TunnelErrorHelp.js';
import { TunnelSettings, type SettingsFocus } from './TunnelSettings.js';
import './tunnel.css';

const STATE_TITLES: Record<TunnelPhase, string> = {
  down: 'No public URL: senders on the internet cannot reach Hookscope through its tunnel.',
  connecting: 'Asking the tunnel server for a public URL…',
  connected: 'The public URL forwards to Hookscope.',
  reconnecting: 'The tunnel dropped; Hookscope is re-opening it with the same subdomain.',
};

type Popover = { kind: 'settings'; focus: SettingsFocus } | { kind: 'help' } | null;

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
  // One popover at a time: the settings (its first field focused), or the help for the last error.
  const [popover, setPopover] = useState<Popover>(null);
  const root = useRef<HTMLDivElement>(null);
  const open = popover !== null;

  // The popover closes on Escape and on a press anywhere outside the tunnel control.
  const close = useCallback(() => setPopover(null), []);
  useDismiss(open, root, close);

  const state: TunnelPhase = status?.state ?? 'down';
  const down = state === 'down';
  const error = actionError ?? ((state === 'down' || state === 'reconnecting') && status?.lastError ? status.lastError : null);

  // The public URL could not be opened: say why in full, with what to do, without a click. (While
  // reconnecting the supervisor is already retrying; the help is one click on the error away.)
  const failedToOpen = error !== null && (actionError !== null || down);
  useEffect(() => {
    if (failedToOpen) setPopover((current) => current ?? { kind: 'help' });
  }, [failedToOpen, error]);

  return (
    <div className="tunnel-control" ref={root} data-testid="tunnel-control">
      <span className="tunnel-label">Public URL</span>
      <span className={`tunnel-state tunnel-state-${state}`} title={STATE_TITLES[state]}>
        <span className="status-dot" aria-hidden="true" />
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
        // One line here; the whole message and the next steps are in the help popover.
        <span className="tunnel-error-slot" role="alert">
          <button
            type="button"
            className="tunnel-error"
            title="What went wrong, and what to do"
            aria-expanded={popover?.kind === 'help'}
            onClick={() => setPopover((current) => (current?.kind === 'help' ? null : { kind: 'help' }))}
            data-testid="tunnel-error"
          >
            {error}
          </button>
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
        aria-expanded={popover?.kind === 'settings'}
        aria-haspopup="dialog"
        onClick={() => setPopover((current) => (current?.kind === 'settings' ? null : { kind: 'settings', focus: 'host' }))}
        title="Tunnel settings"
        data-testid="tunnel-settings-button"
      >
        <span aria-hidden="true">⚙</span>
        <span className="visually-hidden">Tunnel settings</span>
      </button>
      {popover?.kind === 'settings' && (
        <TunnelSettings settings={settings} status={status} info={info} focus={popover.focus} onClose={() => setPopover(null)} />
      )}
      {popover?.kind === 'help' && error && (
        <TunnelErrorHelp
          error={error}
          host={status?.host ?? null}
          reconnecting={state === 'reconnecting'}
          onSettings={(focus) => setPopover({ kind: 'settings', focus })}
          onClose={() => setPopover(null)}
        />
      )}
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
