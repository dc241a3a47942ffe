import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { Endpoint, MethodArgs, SystemInfo } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { type OptionField, SCHEMES, type SchemeChoice, schemeInfo } from '../../lib/verification.js';
import { useClient } from '../../state/client-context.js';
import { SenderContractSection } from '../arrival/SenderContract.js';
import { buildPatch, type EndpointForm, formFrom, providerChoice, verificationDirty } from './endpoint-form.js';
import { HeaderListEditor } from '../../components/HeaderListEditor.js';
import { HandshakeSection, ProviderPicker } from './ProviderPicker.js';
import { NumberInput, SettingsRow } from '../../components/SettingsRow.js';

interface Props {
  endpoint: Endpoint;
  info: SystemInfo | null;
  onClose: () => void;
  onSave: (changes: MethodArgs<'endpoints.update'>) => Promise<Endpoint>;
  onDelete: (slug: string) => Promise<void>;
}

type Notice = { kind: 'error' | 'saved'; text: string } | null;

/**
 * One endpoint's settings in a modal dialog: signature verification, the response rule, the
 * public URL, deletion. The secret is typed into an uncontrolled password field and read only when
 * saving; it is never put in React state, never shown, and the field is emptied once saved.
 */
export function EndpointSettings({ endpoint, info, onClose, onSave, onDelete }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [form, setForm] = useState<EndpointForm>(() => formFrom(endpoint));
  const [touched, setTouched] = useState(false);
  const [secretTyped, setSecretTyped] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  // Saved elsewhere (another window, a script) while untouched here: show the new settings.
  useEffect(() => {
    if (!touched) setForm(formFrom(endpoint));
  }, [endpoint, touched]);

  const change = (update: Partial<EndpointForm>) => {
    setTouched(true);
    setNotice(null);
    setForm((current) => ({ ...current, ...update }));
  };

  const built = buildPatch(form, endpoint, secretTyped);
  const dirty = !built.ok || Object.keys(built.patch).length > 0;

  const save = (event: FormEvent) => {
    // Handled in script: the page's CSP (form-action 'none') forbids a real form submission.
    event.preventDefault();
    if (busy) return;
    if (!built.ok) {
      setNotice({ kind: 'error', text: built.error });
      return;
    }
    const patch = { ...built.patch };
    const secret = secretInput.current?.value ?? '';
    if (patch.verification && secret !== '') patch.verification = { ...patch.verification, secret };
    setBusy(true);
    setNotice(null);
    onSave({ slug: endpoint.slug, ...patch }).then(
      (saved) => {
        if (secretInput.current) secretInput.current.value = '';
        setSecretTyped(false);
        setBusy(false);
        setTouched(false);
        setForm(formFrom(saved));
        const verificationChanged = patch.verification !== undefined;
        setNotice({
          kind: 'saved',
          text: verificationChanged ? 'Saved. New deliveries are verified with these settings; re-verify to apply them to earlier ones.' : 'Saved.',
        });
      },
      (failure: unknown) => {
        setBusy(false);
        setNotice({ kind: 'error', text: errorMessage(failure) });
      },
    );
  };

  return (
    <dialog
      ref={dialog}
      className="settings-dialog"
      aria-labelledby={titleId}
      data-testid="endpoint-settings"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form className="settings-form" onSubmit={save} noValidate>
        <header className="settings-header">
          <h2 id={titleId}>
            Settings · <span className="mono">{endpoint.slug}</span>
          </h2>
          <button type="button" className="icon-button" onClick={onClose} aria-label="Close settings" data-testid="close-endpoint-settings">
            ×
          </button>
        </header>
        <div className="settings-body">
          <Section title="General">
            <SettingsRow label="Name" htmlFor="endpoint-name">
              <input
                id="endpoint-name"
                value={form.name}
                maxLength={200}
                onChange={(event) => change({ name: event.target.value })}
                data-testid="endpoint-name"
              />
            </SettingsRow>
          </Section>

          <VerificationSection
            endpoint={endpoint}
            info={info}
            form={form}
            change={change}
            secretInput={secretInput}
            onSecretTyped={(typed) => {
              setSecretTyped(typed);
              if (typed) setNotice(null);
            }}
            verificationUnsaved={verificationDirty(form, endpoint, secretTyped)}
          />

          <HandshakeSection form={form} change={change} />

          <ResponseSection form={form} change={change} />

          <SenderContractSection endpoint={endpoint} form={form} change={change} />

          <Section title="Public URL">
            <SettingsRow label="Public URL" htmlFor="endpoint-public-url" optional>
              <input
                id="endpoint-public-url"
                className="mono"
                type="url"
                value={form.publicUrl}
                placeholder="https://hooks.example.com/stripe (optional)"
                spellCheck={false}
                autoComplete="off"
                onChange={(event) => change({ publicUrl: event.target.value })}
                data-testid="endpoint-public-url"
              />
            </SettingsRow>
            <p className="help">
              The full https URL senders call for this endpoint, if it differs from the public base URL (own tunnel, reverse proxy); it
              wins over the tunnel&apos;s URL in the sidebar, and Twilio signatures use it.
            </p>
          </Section>

          <ForwardingSection slug={endpoint.slug} form={form} change={change} />

          <DeleteSection endpoint={endpoint} onDelete={onDelete} onDeleted={onClose} />
        </div>
        <footer className="settings-footer">
          <div className="settings-notice" aria-live="polite">
            {notice?.kind === 'error' && (
              <p className="error-text" role="alert" data-testid="endpoint-settings-error">
                {notice.text}
              </p>
            )}
            {notice?.kind === 'saved' && (
              <p className="saved-text" data-testid="endpoint-settings-saved">
                {notice.text}
              </p>
            )}
          </div>
          <button type="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" className="primary" disabled={busy || !dirty} data-testid="save-endpoint">
            {busy ? 'Saving…' : 'Save'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="settings-section" data-testid={testId}>
      <h3 className="section-title">{title}</h3>
      {children}
    </section>
  );
}


function VerificationSection({
  endpoint,
  info,
  form,
  change,
  secretInput,
  onSecretTyped,
  verificationUnsaved,
}: {
  endpoint: Endpoint;
  info: SystemInfo | null;
  form: EndpointForm;
  change: (update: Partial<EndpointForm>) => void;
  secretInput: RefObject<HTMLInputElement | null>;
  onSecretTyped: (typed: boolean) => void;
  verificationUnsaved: boolean;
}) {
  const scheme = schemeInfo(form.scheme);
  const stored = endpoint.verification;
  const secretSet = stored?.secretSet === true;
  const unprotected = info?.secretStorage && !info.secretStorage.protectsSecrets;
  return (
    <Section title="Signature verification" testId="verification-settings">
      {unprotected && (
        <p className="note note-warning" data-testid="secret-storage-warning">
          Secrets are stored without OS protection on this system (no keyring).
        </p>
      )}
      <p className="help" data-testid="verification-current">
        {stored === null ? (
          'Currently: deliveries to this endpoint are not verified.'
        ) : (
          <>
            Currently: <span className="mono">{stored.scheme}</span>
            {stored.secretSet ? `, secret set (${stored.secretHint ?? '…'})` : ', no secret'}.
          </>
        )}
      </p>
      <ProviderPicker value={form.contract.provider} onChange={(id) => change(providerChoice(form, id))} />
      <SettingsRow label="Scheme" htmlFor="verification-scheme">
        <select
          id="verification-scheme"
          value={form.scheme}
          onChange={(event) => {
            const next = event.target.value as SchemeChoice;
            // Choosing "none" removes the secret field, and with it anything typed there.
            if (next === 'none') onSecretTyped(false);
            change({ scheme: next });
          }}
          data-testid="verification-scheme"
        >
          {SCHEMES.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </SettingsRow>
      {form.scheme === 'none' ? (
        stored !== null && <p className="help">Saving removes verification and the stored secret.</p>
      ) : (
        <>
          <SettingsRow label="Secret" htmlFor="verification-secret">
            <input
              id="verification-secret"
              ref={secretInput}
              className="mono"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              maxLength={4096}
              placeholder={secretSet ? `set (${stored?.secretHint ?? '…'}) — leave empty to keep` : 'required'}
              onChange={(event) => onSecretTyped(event.target.value !== '')}
              data-testid="verification-secret"
            />
          </SettingsRow>
          {scheme?.secretHelp && <p className="help">{scheme.secretHelp}</p>}
          {scheme?.options.map((field) => (
            <OptionInput key={field.name} field={field} value={form.options[field.name]} onChange={(value) => change({ options: { ...form.options, [field.name]: value } })} />
          ))}
        </>
      )}
      <ReverifyEndpoint slug={endpoint.slug} unsaved={verificationUnsaved} />
    </Section>
  );
}

function OptionInput({ field, value, onChange }: { field: OptionField; value: string | undefined; onChange: (value: string) => void }) {
  const id = `verification-option-${field.name}`;
  const shown = value ?? (field.required && field.choices ? (field.choices[0] ?? '') : '');
  return (
    <>
      <SettingsRow label={field.label} htmlFor={id} optional={!field.required}>
        {field.kind === 'select' ? (
          <select id={id} value={shown} onChange={(event) => onChange(event.target.value)} data-testid={id}>
            {(field.choices ?? []).map((choice) => (
              <option key={choice} value={choice}>
                {choice === '' ? 'default' : choice}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            className="mono"
            type={field.kind === 'number' ? 'number' : 'text'}
            min={field.kind === 'number' ? 1 : undefined}
            value={shown}
            placeholder={field.placeholder}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => onChange(event.target.value)}
            data-testid={id}
          />
        )}
      </SettingsRow>
      {field.help && <p className="help">{field.help}</p>}
    </>
  );
}

function ReverifyEndpoint({ slug, unsaved }: { slug: string; unsaved: boolean }) {
  const client = useClient();
  const [state, setState] = useState<{ busy: boolean; result: string | null; error: string | null }>({ busy: false, result: null, error: null });
  const run = () => {
    setState({ busy: true, result: null, error: null });
    client.invoke('endpoints.verify', { slug }).then(
      ({ verified }) => setState({ busy: false, result: `Re-verified ${verified} ${verified === 1 ? 'delivery' : 'deliveries'}.`, error: null }),
      (failure: unknown) => setState({ busy: false, result: null, error: errorMessage(failure) }),
    );
  };
  return (
    <div className="reverify-endpoint">
      <button type="button" onClick={run} disabled={state.busy || unsaved} data-testid="reverify-endpoint">
        {state.busy ? 'Re-verifying…' : 'Re-verify all deliveries of this endpoint'}
      </button>
      {unsaved && <span className="help">Save first: re-verifying uses the saved settings.</span>}
      {state.result && (
        <span className="saved-text" data-testid="reverify-endpoint-result">
          {state.result}
        </span>
      )}
      {state.error && (
        <span className="error-text" role="alert">
          {state.error}
        </span>
      )}
    </div>
  );
}

function ResponseSection({ form, change }: { form: EndpointForm; change: (update: Partial<EndpointForm>) => void }) {
  return (
    <Section title="Response" testId="response-settings">
      <p className="help">What this endpoint answers every sender.</p>
      <div className="settings-inline">
        <SettingsRow label="Status" htmlFor="rule-status">
          <NumberInput id="rule-status" min={100} max={599} value={form.status} onValue={(value) => change({ status: value })} />
        </SettingsRow>
        <SettingsRow label="Delay (ms)" htmlFor="rule-delay">
          <NumberInput id="rule-delay" min={0} max={120000} value={form.delayMs} onValue={(value) => change({ delayMs: value })} />
        </SettingsRow>
      </div>
      <div className="settings-row">
        <span className="settings-label">Headers</span>
        <div className="settings-control">
          <HeaderListEditor
            rows={form.headers}
            onChange={(headers) => change({ headers })}
            empty="No extra headers."
            testIds={{ row: 'rule-header', name: 'rule-header-name', value: 'rule-header-value', add: 'add-rule-header' }}
          />
        </div>
      </div>
      <SettingsRow label="Body" htmlFor="rule-body">
        <textarea
          id="rule-body"
          className="mono"
          rows={4}
          value={form.body}
          spellCheck={false}
          onChange={(event) => change({ body: event.target.value })}
          data-testid="rule-body"
        />
      </SettingsRow>
    </Section>
  );
}

function ForwardingSection({ slug, form, change }: { slug: string; form: EndpointForm; change: (update: Partial<EndpointForm>) => void }) {
  const on = form.forwardTarget.trim() !== '';
  return (
    <Section title="Forwarding" testId="forward-settings">
      <p className="help">
        Send every new delivery on to your app as it arrives (as-is, one at a time, in order). Each forward is stored in the delivery&apos;s
        replay history. Leave the target empty to turn forwarding off.
      </p>
      <SettingsRow label="Target URL" htmlFor="forward-target" optional>
        <input
          id="forward-target"
          className="mono"
          type="url"
          value={form.forwardTarget}
          placeholder="http://localhost:3000/webhooks (empty: off)"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => change({ forwardTarget: event.target.value })}
          data-testid="forward-target"
        />
      </SettingsRow>
      <div className="settings-row">
        <span className="settings-label">Options</span>
        <div className="settings-control">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.forwardAppendPath}
              disabled={!on}
              onChange={(event) => change({ forwardAppendPath: event.target.checked })}
              data-testid="forward-append-path"
            />
            Append the captured path and query (what follows <span className="mono">/{slug}</span>) to the target
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={form.forwardRelay}
              disabled={!on}
              onChange={(event) => change({ forwardRelay: event.target.checked })}
              data-testid="forward-relay"
            />
            Relay the target&apos;s response to the sender
          </label>
          <p className="help">
            Only when it arrives within the timeout below (the endpoint&apos;s deadline); otherwise, or when the target is down, the sender
            gets this endpoint&apos;s own response. The delivery is always stored first.
          </p>
        </div>
      </div>
      <SettingsRow label="Timeout (ms)" htmlFor="forward-timeout">
        <NumberInput id="forward-timeout" min={100} max={300000} value={form.forwardTimeoutMs} disabled={!on} onValue={(value) => change({ forwardTimeoutMs: value })} />
      </SettingsRow>
    </Section>
  );
}

function DeleteSection({ endpoint, onDelete, onDeleted }: { endpoint: Endpoint; onDelete: (slug: string) => Promise<void>; onDeleted: () => void }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (endpoint.builtIn) {
    return (
      <Section title="Delete">
        <p className="help">The built-in default endpoint catches every unclaimed path and cannot be deleted.</p>
      </Section>
    );
  }
  const remove = () => {
    if (!window.confirm(`Delete endpoint "${endpoint.slug}" and all its deliveries? This cannot be undone.`)) return;
    setState({ busy: true, error: null });
    onDelete(endpoint.slug).then(onDeleted, (failure: unknown) => setState({ busy: false, error: errorMessage(failure) }));
  };
  return (
    <Section title="Delete">
      <div className="reverify-endpoint">
        <button type="button" className="danger" onClick={remove} disabled={state.busy} data-testid="delete-endpoint">
          {state.busy ? 'Deleting…' : 'Delete endpoint'}
        </button>
        <span className="help">Deletes the endpoint and every delivery it captured.</span>
      </div>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
    </Section>
  );
}
