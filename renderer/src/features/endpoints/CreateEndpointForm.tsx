import { useState, type FormEvent } from 'react';
import type { Endpoint } from '../../../../electron/contract/index.js';
import { errorMessage } from '../../api/client.js';
import './endpoints.css';

export function CreateEndpointForm({
  onCreate,
  onCreated,
}: {
  onCreate: (slug: string) => Promise<Endpoint>;
  onCreated: (slug: string) => void;
}) {
  const [slug, setSlug] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    // Handled in script: the page's CSP (form-action 'none') forbids a real form submission.
    event.preventDefault();
    const wanted = slug.trim();
    if (!wanted || busy) return;
    setBusy(true);
    setError(null);
    onCreate(wanted).then(
      (endpoint) => {
        setBusy(false);
        setSlug('');
        onCreated(endpoint.slug);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  };

  return (
    <form className="create-endpoint" onSubmit={submit} data-testid="create-endpoint-form">
      <label htmlFor="new-endpoint-slug">New endpoint</label>
      <div className="create-endpoint-row">
        <input
          id="new-endpoint-slug"
          className="mono"
          value={slug}
          onChange={(event) => setSlug(event.target.value)}
          placeholder="e.g. stripe"
          autoComplete="off"
          spellCheck={false}
          data-testid="create-endpoint-slug"
        />
        <button type="submit" disabled={busy || slug.trim() === ''} data-testid="create-endpoint-submit">
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="create-endpoint-error">
          {error}
        </p>
      )}
    </form>
  );
}
