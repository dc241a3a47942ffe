import type { Endpoint } from '../../../../electron/contract/index.js';
import { type EndpointForm, headerRow } from './endpoint-form.js';
import type { ContractForm } from './contract-form.js';
import { EndpointStatsPanel } from './EndpointStats.js';
import { ProviderOptions } from './ProviderPicker.js';
import { FAILURE_KINDS, type FailureKind, isProfileKey } from '../../lib/providers.js';
import { NumberInput, SettingsRow } from '../../components/SettingsRow.js';
import './endpoints.css';

interface Preset {
  id: string;
  label: string;
  help: string;
  status: number;
  body: string;
}

/** What each sender accepts as "received": filling the response rule, not saving it. */
const PRESETS: Preset[] = [
  { id: 'adobe', label: 'Adobe', help: '200, application/json, {"ack":"done"}: anything else counts as an error', status: 200, body: '{"ack":"done"}' },
  { id: 'pdfgorilla', label: 'PDF Gorilla', help: 'a fast 200 {"received":true}', status: 200, body: '{"received":true}' },
  { id: 'goshiip', label: 'GoShiip', help: 'a fast 200 {"received":true}', status: 200, body: '{"received":true}' },
];


/**
 * The endpoint settings' "Sender contract": which provider's rules (deadline, acknowledgement) the
 * endpoint is held to, response presets that satisfy them, a failure mode to exercise the
 * sender's retries, and how the endpoint has been doing against the deadline.
 */
export function SenderContractSection({
  endpoint,
  form,
  change,
}: {
  endpoint: Endpoint;
  form: EndpointForm;
  change: (update: Partial<EndpointForm>) => void;
}) {
  const contract = form.contract;
  const set = (update: Partial<ContractForm>) => change({ contract: { ...contract, ...update } });
  const applyPreset = (preset: Preset) =>
    change({ status: String(preset.status), delayMs: '0', headers: [headerRow('Content-Type', 'application/json')], body: preset.body });
  const kind = contract.failureKind;

  return (
    <section className="settings-section sender-contract" data-testid="failure-settings">
      <h3 className="section-title">Sender contract</h3>
      <p className="help">The provider whose rules this endpoint is held to, what it must answer, and ways to misbehave on purpose.</p>
      <SettingsRow label="Provider" htmlFor="endpoint-provider">
        <select
          id="endpoint-provider"
          value={contract.provider}
          onChange={(event) => set({ provider: isProfileKey(event.target.value) ? event.target.value : '' })}
          data-testid="endpoint-provider"
        >
          <option value="">None (auto: the one recognised)</option>
          <ProviderOptions />
        </select>
      </SettingsRow>
      <div className="settings-row">
        <span className="settings-label">Response presets</span>
        <div className="settings-control">
          <div className="preset-buttons">
            {PRESETS.map((preset) => (
              <button key={preset.id} type="button" onClick={() => applyPreset(preset)} title={preset.help} data-testid={`preset-${preset.id}`}>
                {preset.label}
              </button>
            ))}
          </div>
          <p className="help">Fills the Response section above (Adobe: 200 {'{"ack":"done"}'}; PDF Gorilla, GoShiip: a fast 200 {'{"received":true}'}). Save to apply.</p>
        </div>
      </div>
      <SettingsRow label="Failure mode" htmlFor="failure-mode">
        <select id="failure-mode" value={kind} onChange={(event) => set({ failureKind: event.target.value as FailureKind })} data-testid="failure-mode">
          {FAILURE_KINDS.map((option) => (
            <option key={option.kind} value={option.kind}>
              {option.label}
            </option>
          ))}
        </select>
      </SettingsRow>
      {kind === 'fail-first' && (
        <div className="settings-inline">
          <SettingsRow label="Count" htmlFor="failure-count">
            <NumberInput id="failure-count" min={1} max={1000} value={contract.failCount} onValue={(value) => set({ failCount: value })} />
          </SettingsRow>
          <SettingsRow label="Counted" htmlFor="failure-per">
            <select id="failure-per" value={contract.failPer} onChange={(event) => set({ failPer: event.target.value === 'event' ? 'event' : 'endpoint' })} data-testid="failure-per">
              <option value="endpoint">per endpoint</option>
              <option value="event">per event</option>
            </select>
          </SettingsRow>
        </div>
      )}
      {kind === 'fail-percent' && (
        <SettingsRow label="Percent" htmlFor="failure-percent">
          <NumberInput id="failure-percent" min={0} max={100} value={contract.failPercent} onValue={(value) => set({ failPercent: value })} />
        </SettingsRow>
      )}
      {kind === 'after-deadline' && (
        <div className="settings-inline">
          <SettingsRow label="Deadline of" htmlFor="failure-deadline-provider">
            <select
              id="failure-deadline-provider"
              value={contract.deadlineProvider}
              onChange={(event) => set({ deadlineProvider: isProfileKey(event.target.value) ? event.target.value : '' })}
              data-testid="failure-deadline-provider"
            >
              <option value="">the provider above</option>
              <ProviderOptions />
            </select>
          </SettingsRow>
          <SettingsRow label="Or after (ms)" htmlFor="failure-delay">
            <NumberInput id="failure-delay" min={0} max={120000} value={contract.deadlineDelayMs} placeholder="deadline" onValue={(value) => set({ deadlineDelayMs: value })} />
          </SettingsRow>
        </div>
      )}
      {kind === 'wrong-ack' && (
        <SettingsRow label="Body" htmlFor="failure-ack-body">
          <input
            id="failure-ack-body"
            className="mono"
            value={contract.ackBody}
            placeholder="default: a body the sender rejects"
            spellCheck={false}
            onChange={(event) => set({ ackBody: event.target.value })}
            data-testid="failure-ack-body"
          />
        </SettingsRow>
      )}
      {(kind === 'fail-first' || kind === 'fail-percent' || kind === 'wrong-ack') && (
        <SettingsRow label="Status" htmlFor="failure-status">
          <NumberInput id="failure-status" min={100} max={599} value={contract.failStatus} placeholder={kind === 'wrong-ack' ? 'rule' : '500'} onValue={(value) => set({ failStatus: value })} />
        </SettingsRow>
      )}
      {kind !== 'none' && <p className="help">Saving a failure mode restarts its count: &quot;the first N&quot; counts from then.</p>}
      <EndpointStatsPanel slug={endpoint.slug} />
    </section>
  );
}
