// Live forwarding of every new delivery to the user's app.
import { type EndpointForm } from './endpoint-form.js';
import { NumberInput, SettingsRow } from '../../components/SettingsRow.js';
import { Section } from './SettingsSection.js';

export function ForwardingSection({ slug, form, change }: { slug: string; form: EndpointForm; change: (update: Partial<EndpointForm>) => void }) {
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
