import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Endpoint, MethodArgs, SystemInfo } from '../../../../electron/contract/index.js';
import { DialogHeader } from '../../components/DialogHeader.js';
import { FormFooter, type SaveNotice } from '../../components/FormFooter.js';
import { errorMessage } from '../../api/client.js';
import { SenderContractSection } from './SenderContract.js';
import { buildPatch, type EndpointForm, formFrom, verificationDirty } from './endpoint-form.js';
import { HandshakeSection } from './ProviderPicker.js';
import { SettingsRow } from '../../components/SettingsRow.js';
import { Section } from './SettingsSection.js';
import { VerificationSection } from './VerificationSection.js';
import { ResponseSection } from './ResponseSection.js';
import { ForwardingSection } from './ForwardingSection.js';
import { DeleteSection } from './DeleteSection.js';
import { useModal } from '../../state/use-modal.js';
import './endpoints.css';

interface Props {
  endpoint: Endpoint;
  info: SystemInfo | null;
  onClose: () => void;
  onSave: (changes: MethodArgs<'endpoints.update'>) => Promise<Endpoint>;
  onDelete: (slug: string) => Promise<void>;
}


/**
 * One endpoint's settings in a modal dialog: signature verification, the response rule, the
 * public URL, deletion. The secret is typed into an uncontrolled password field and read only when
 * saving; it is never put in React state, never shown, and the field is emptied once saved.
 */
export function EndpointSettings({ endpoint, info, onClose, onSave, onDelete }: Props) {
  const modal = useModal(onClose);
  const secretInput = useRef<HTMLInputElement>(null);
  const titleId = useId();
  const [form, setForm] = useState<EndpointForm>(() => formFrom(endpoint));
  const [touched, setTouched] = useState(false);
  const [secretTyped, setSecretTyped] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<SaveNotice>(null);

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
    <dialog {...modal} className="settings-dialog" aria-labelledby={titleId} data-testid="endpoint-settings">
      <form className="settings-form" onSubmit={save} noValidate>
        <DialogHeader titleId={titleId} onClose={onClose} closeLabel="Close settings" closeTestId="close-endpoint-settings">
          Settings · <span className="mono">{endpoint.slug}</span>
        </DialogHeader>
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
            <label className="checkbox">
              <input type="checkbox" checked={form.shared} onChange={(event) => change({ shared: event.target.checked })} data-testid="endpoint-shared" />
              Share with the team
            </label>
            <p className="help">
              Team mode only (a node started with <span className="mono">--team</span>): this endpoint&apos;s deliveries, replays and
              settings are shared with every node of the team. Off, they stay on this machine.
            </p>
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
        <FormFooter
          as="footer"
          className="settings-footer"
          notice={notice}
          busy={busy}
          disabled={!dirty}
          testIds={{ error: 'endpoint-settings-error', saved: 'endpoint-settings-saved', save: 'save-endpoint' }}
        >
          <button type="button" onClick={onClose}>
            Close
          </button>
        </FormFooter>
      </form>
    </dialog>
  );
}
