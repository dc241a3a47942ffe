import { Fragment, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { MethodArgs, Settings, SystemInfo, TunnelLimit, TunnelStatus } from '../../../../electron/contract/index.js';
import { FormFooter, type SaveNotice } from '../../components/FormFooter.js';
import { errorMessage } from '../../api/client.js';
import type { SettingsState } from '../../state/use-settings.js';
import './tunnel.css';

interface Props {
  settings: SettingsState;
  status: TunnelStatus | null;
  info: SystemInfo | null;
  /** The field focused on opening: the tunnel server, or the URL of your own tunnel. */
  focus?: SettingsFocus;
  onClose: () => void;
}

export type SettingsFocus = 'host' | 'publicUrl';

interface Form {
  host: string;
  subdomain: string;
  publicUrl: string;
}

const formFrom = (settings: Settings | null): Form => ({
  host: settings?.tunnel.host ?? '',
  subdomain: settings?.tunnel.subdomain ?? '',
  publicUrl: settings?.publicUrl ?? '',
});

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());


/** The tunnel settings popover: which localtunnel server and subdomain, or the URL of your own tunnel. */
export function TunnelSettings({ settings, status, info, focus = 'host', onClose }: Props) {
  const titleId = useId();
  const firstField = useRef<HTMLInputElement>(null);
  const publicUrlField = useRef<HTMLInputElement>(null);
  const [form, setForm] = useState<Form>(() => formFrom(settings.settings));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<SaveNotice>(null);

  useEffect(() => (focus === 'publicUrl' ? publicUrlField : firstField).current?.focus(), [focus]);

  // Loaded (or saved elsewhere) while untouched here: show what is stored.
  useEffect(() => {
    if (!touched) setForm(formFrom(settings.settings));
  }, [settings.settings, touched]);

  const change = (update: Partial<Form>) => {
    setTouched(true);
    setNotice(null);
    setForm((current) => ({ ...current, ...update }));
  };

  const stored = formFrom(settings.settings);
  const patch: MethodArgs<'settings.update'> = {};
  if (orNull(form.host) !== orNull(stored.host) || orNull(form.subdomain) !== orNull(stored.subdomain)) {
    patch.tunnel = { host: orNull(form.host), subdomain: orNull(form.subdomain) };
  }
  if (orNull(form.publicUrl) !== orNull(stored.publicUrl)) patch.publicUrl = orNull(form.publicUrl);
  const dirty = Object.keys(patch).length > 0;

  const save = (event: FormEvent) => {
    // Handled in script: the page's CSP (form-action 'none') forbids a real form submission.
    event.preventDefault();
    if (busy || !dirty) return;
    setBusy(true);
    setNotice(null);
    settings.update(patch).then(
      (saved) => {
        setBusy(false);
        setTouched(false);
        setForm(formFrom(saved));
        const running = status !== null && status.state !== 'down';
        setNotice({
          kind: 'saved',
          text: patch.tunnel && running ? 'Saved. The tunnel server and subdomain apply the next time the public URL is opened.' : 'Saved.',
        });
      },
      (failure: unknown) => {
        setBusy(false);
        setNotice({ kind: 'error', text: errorMessage(failure) });
      },
    );
  };

  return (
    <div className="tunnel-popover" role="dialog" aria-labelledby={titleId} data-testid="tunnel-settings">
      <form className="tunnel-form" onSubmit={save} noValidate>
        <header className="tunnel-popover-header">
          <h2 id={titleId}>Public URL settings</h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close tunnel settings" data-testid="close-tunnel-settings">
            ×
          </button>
        </header>
        {settings.settings === null && settings.error && (
          <p className="error-text" role="alert">
            Could not load the settings: {settings.error}
          </p>
        )}
        <h3 className="section-title">Hookscope&apos;s tunnel (localtunnel)</h3>
        <div className="tunnel-field">
          <label htmlFor="tunnel-host">Tunnel server</label>
          <input
            id="tunnel-host"
            ref={firstField}
            className="mono"
            type="url"
            value={form.host}
            placeholder="https://localtunnel.me"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => change({ host: event.target.value })}
            data-testid="tunnel-host"
          />
          <p className="help">A self-hosted localtunnel server; empty = the public localtunnel.me.</p>
        </div>
        <div className="tunnel-field">
          <label htmlFor="tunnel-subdomain">Subdomain</label>
          <input
            id="tunnel-subdomain"
            className="mono"
            value={form.subdomain}
            placeholder="any"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => change({ subdomain: event.target.value })}
            data-testid="tunnel-subdomain"
          />
          <p className="help">Asked for, not reserved: whoever asks first gets it. 4-63 lowercase letters, digits and hyphens.</p>
        </div>
        <h3 className="section-title">I run my own tunnel</h3>
        <div className="tunnel-field">
          <label htmlFor="own-public-url">Public URL</label>
          <input
            id="own-public-url"
            ref={publicUrlField}
            className="mono"
            type="url"
            value={form.publicUrl}
            placeholder="https://abc123.ngrok-free.app"
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => change({ publicUrl: event.target.value })}
            data-testid="own-public-url"
          />
          <p className="help">
            The https base URL of your ngrok, cloudflared… tunnel
            {info ? (
              <>
                {' '}
                forwarding to <code className="mono">{info.captureUrl}</code>
              </>
            ) : null}
            . Used when Hookscope&apos;s own tunnel is not connected.
          </p>
        </div>
        <FormFooter
          className="tunnel-form-footer"
          notice={notice}
          busy={busy}
          disabled={!dirty || settings.settings === null}
          testIds={{ error: 'tunnel-settings-error', saved: 'tunnel-settings-saved', save: 'tunnel-settings-save' }}
        />
      </form>
      {info && info.tunnelLimits.length > 0 && <TunnelLimits limits={info.tunnelLimits} />}
    </div>
  );
}

/** Collapsible: what a public tunnel server does to webhooks (from system.info). */
export function TunnelLimits({ limits }: { limits: TunnelLimit[] }) {
  return (
    <details className="tunnel-limits" data-testid="tunnel-limits">
      <summary>What can break webhooks through a public tunnel</summary>
      <ul>
        {limits.map((limit) => (
          <li key={limit.id} data-testid="tunnel-limit" data-limit-id={limit.id}>
            <strong>{limit.title}</strong>
            <p>
              <CodeSpans text={limit.detail} />
            </p>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** `backticked` parts as <code>, the rest as text: never markup from the string. */
function CodeSpans({ text }: { text: string }) {
  const parts = text.split('`');
  // An unbalanced backtick: show the text as it is.
  if (parts.length % 2 === 0) return <>{text}</>;
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <code key={index} className="mono">
            {part}
          </code>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}
