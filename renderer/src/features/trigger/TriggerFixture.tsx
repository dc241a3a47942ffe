// "Export as test fixture" in the Send test event panel: the template as edited there (its body,
// when edited, and the extra headers) made into the same five files as a delivery's "Test
// fixture…", signed the provider's way with a TEST secret typed in the fixture's own field (never
// the panel's signing secret, which may be the endpoint's real one). Unedited, the event is
// rendered fresh, exactly as Send would send it.
import { useState } from 'react';
import type { HeaderPair } from '../../../../electron/contract/index.js';
import { FixturePanel, type FixtureSource } from '../export/FixtureMenu.js';
import './trigger.css';

export interface TriggerEdits {
  template: string;
  /** The edited body; undefined while unedited. */
  body?: string;
  headers: HeaderPair[];
}

export function TriggerFixture({ edits }: { edits: () => TriggerEdits | null }) {
  /** The edits as they were when the button was pressed: typing on does not re-export on every key. */
  const [source, setSource] = useState<FixtureSource | null>(null);

  const exportNow = () => {
    const current = edits();
    if (!current) return;
    setSource({
      template: current.template,
      ...(current.body !== undefined ? { body: current.body } : {}),
      ...(current.headers.length > 0 ? { headers: current.headers } : {}),
    });
  };

  return (
    <div className="settings-row">
      <span className="settings-label">Test fixture</span>
      <div className="settings-control">
        <div className="trigger-fixture-actions">
          <button type="button" onClick={exportNow} data-testid="trigger-export-fixture">
            {source ? 'Export again with the current edits' : 'Export as test fixture'}
          </button>
          {source && (
            <button type="button" className="link-button" onClick={() => setSource(null)} data-testid="trigger-fixture-hide">
              Hide
            </button>
          )}
        </div>
        {!source && <p className="help">The event as edited here, as body.bin, headers.json and Vitest/pytest tests for your own suite; nothing is sent.</p>}
        {source && <FixturePanel source={source} inline />}
      </div>
    </div>
  );
}
