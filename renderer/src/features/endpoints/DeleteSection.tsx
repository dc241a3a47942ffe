// Deleting the endpoint, with a confirmation.
import { useState } from 'react';
import type { Endpoint } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import { Section } from './SettingsSection.js';
import './endpoints.css';

export function DeleteSection({ endpoint, onDelete, onDeleted }: { endpoint: Endpoint; onDelete: (slug: string) => Promise<void>; onDeleted: () => void }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (endpoint.builtIn) {
    return (
      <Section title="Delete">
        <p className="help">The built-in default endpoint catches every unclaimed path and cannot be deleted.</p>
      </Section>
    );
  }
  // A shared endpoint is deleted on every node of the team (docs/team.md): say so before, not after.
  const everywhere = endpoint.shared ? ', on every node of the team' : '';
  const remove = () => {
    if (!window.confirm(`Delete endpoint "${endpoint.slug}" and all its deliveries${everywhere}? This cannot be undone.`)) return;
    setState({ busy: true, error: null });
    onDelete(endpoint.slug).then(onDeleted, (failure: unknown) => setState({ busy: false, error: errorMessage(failure) }));
  };
  return (
    <Section title="Delete">
      <div className="reverify-endpoint">
        <button type="button" className="danger" onClick={remove} disabled={state.busy} data-testid="delete-endpoint">
          {state.busy ? 'Deleting…' : 'Delete endpoint'}
        </button>
        <span className="help">Deletes the endpoint and every delivery it captured{everywhere}.</span>
      </div>
      {state.error && (
        <p className="error-text" role="alert">
          {state.error}
        </p>
      )}
    </Section>
  );
}
