// Choosing a provider by name fills in its scheme and options (the contract's provider list), and
// says what handshake it sends; the handshake section turns answering it off or sets Meta's token.
import type { EndpointForm } from './endpoint-form.js';
import { listedProviderOf, PROVIDER_PROFILES } from '../../lib/providers.js';
import { SettingsRow } from '../../components/SettingsRow.js';
import { schemeInfo } from '../../lib/verification.js';
import './endpoints.css';

const HANDSHAKE_TEXT: Record<string, string> = {
  'slack-url-verification': 'Slack’s url_verification: the challenge is echoed.',
  'zoom-url-validation': 'Zoom’s endpoint.url_validation: plainToken and its HMAC with the secret token.',
  'twitch-verification': 'Twitch’s webhook_callback_verification: the challenge, as text.',
  'graph-validation': 'Microsoft Graph’s ?validationToken=: echoed as text.',
  'meta-subscribe': 'Meta’s hub.mode=subscribe: hub.challenge, when hub.verify_token matches.',
  'dropbox-challenge': 'Dropbox’s ?challenge=: echoed.',
  'asana-hook-secret': 'Asana’s X-Hook-Secret: echoed (then set it as the secret).',
  'sns-subscription': 'Amazon SNS’s SubscriptionConfirmation: shown with a Confirm button; nothing is visited until you click.',
};

/** The listed providers as a select's options, by name (after the select's own "none" option). */
export function ProviderOptions() {
  return PROVIDER_PROFILES.map((p) => (
    <option key={p.key} value={p.key}>
      {p.name}
    </option>
  ));
}

export function ProviderPicker({ value, onChange }: { value: string; onChange: (id: string) => void }) {
  const chosen = listedProviderOf(value || null);
  const pending = chosen?.verification && !schemeInfo(chosen.verification.scheme);
  return (
    <>
      <SettingsRow label="Provider" htmlFor="verification-provider" optional>
        <select id="verification-provider" value={value} onChange={(event) => onChange(event.target.value)} data-testid="verification-provider">
          <option value="">—</option>
          <ProviderOptions />
        </select>
      </SettingsRow>
      {chosen && (
        <p className="help" data-testid="verification-provider-help">
          {chosen.verification ? `Signed with ${chosen.verification.scheme}. ` : `${chosen.name} does not sign its deliveries. `}
          {pending && 'This version does not offer that scheme yet. '}
          <a href={chosen.docs} target="_blank" rel="noreferrer noopener">
            {chosen.name} docs
          </a>
        </p>
      )}
    </>
  );
}

export function HandshakeSection({ form, change }: { form: EndpointForm; change: (update: Partial<EndpointForm>) => void }) {
  const kind = listedProviderOf(form.contract.provider || null)?.handshake ?? null;
  if (kind === null && form.handshakes) return null;
  return (
    <section className="settings-section" data-testid="handshake-settings">
      <h3 className="section-title">Handshake</h3>
      {kind && <p className="help">{HANDSHAKE_TEXT[kind]}</p>}
      <label className="checkbox">
        <input type="checkbox" checked={form.handshakes} onChange={(event) => change({ handshakes: event.target.checked })} data-testid="endpoint-handshakes" />
        Answer the provider’s handshake for me
      </label>
      {kind === 'meta-subscribe' && (
        <SettingsRow label="Verify token" htmlFor="endpoint-verify-token" optional>
          <input
            id="endpoint-verify-token"
            className="mono"
            value={form.verifyToken}
            maxLength={200}
            placeholder="the secret, when empty"
            onChange={(event) => change({ verifyToken: event.target.value })}
            data-testid="endpoint-verify-token"
          />
        </SettingsRow>
      )}
    </section>
  );
}
