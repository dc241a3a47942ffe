import { useId } from 'react';
import type { SettingsFocus } from './TunnelSettings.js';
import './tunnel.css';

interface Props {
  /** The core's message, shown whole (it names the server and the cause). */
  error: string;
  host: string | null;
  reconnecting: boolean;
  onSettings: (focus: SettingsFocus) => void;
  onClose: () => void;
}

/**
 * Why the public URL could not be opened, in full, and the three ways forward: the network, a
 * self-hosted localtunnel server, or a tunnel of your own. The top bar has room for one line only.
 */
export function TunnelErrorHelp({ error, host, reconnecting, onSettings, onClose }: Props) {
  const titleId = useId();
  return (
    <div className="tunnel-popover tunnel-help" role="dialog" aria-labelledby={titleId} data-testid="tunnel-error-help">
      <header className="tunnel-popover-header">
        <h2 id={titleId}>{reconnecting ? 'The tunnel dropped; Hookscope is re-opening it' : 'The public URL could not be opened'}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close" data-testid="close-tunnel-error-help">
          ×
        </button>
      </header>
      <p className="tunnel-error-full mono" data-testid="tunnel-error-full">
        {error}
      </p>
      <h3 className="section-title">What you can do</h3>
      <ul className="tunnel-next-steps">
        <li data-testid="tunnel-step-network">
          Check this machine&apos;s network connection{host ? <> and that <code className="mono">{host}</code> is reachable</> : null}, then open the
          public URL again.
        </li>
        <li data-testid="tunnel-step-server">
          Use a self-hosted localtunnel server:{' '}
          <button type="button" className="link-button" onClick={() => onSettings('host')} data-testid="tunnel-help-server">
            set the tunnel server
          </button>
          .
        </li>
        <li data-testid="tunnel-step-own-url">
          Run your own tunnel (ngrok, cloudflared…) and{' '}
          <button type="button" className="link-button" onClick={() => onSettings('publicUrl')} data-testid="tunnel-help-own-url">
            set its public URL
          </button>
          : Hookscope shows it whenever its own tunnel is not connected.
        </li>
      </ul>
    </div>
  );
}
