// What the endpoint answers every sender: status, delay, headers, body.
import { type EndpointForm } from './endpoint-form.js';
import { HeaderListEditor } from '../../components/HeaderListEditor.js';
import { NumberInput, SettingsRow } from '../../components/SettingsRow.js';
import { Section } from './SettingsSection.js';
import './endpoints.css';

export function ResponseSection({ form, change }: { form: EndpointForm; change: (update: Partial<EndpointForm>) => void }) {
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
