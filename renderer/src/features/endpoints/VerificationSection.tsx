// Signature verification: the scheme, its options, the secret (never shown, never in state), re-verify.
import { useState, type RefObject } from 'react';
import type { Endpoint, SystemInfo } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { type OptionField, SCHEMES, type SchemeChoice, schemeInfo } from '../../lib/verification.js';
import { useClient } from '../../state/client-context.js';
import { type EndpointForm, providerChoice } from './endpoint-form.js';
import { ProviderPicker } from './ProviderPicker.js';
import { SettingsRow } from '../../components/SettingsRow.js';
import { Section } from './SettingsSection.js';
import './endpoints.css';

export function VerificationSection({
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
