import type { Endpoint } from '../../../../electron/contract/index.js';
import { CopyButton } from '../../components/CopyButton.js';
import { captureUrlFor } from '../../lib/format.js';
import { CreateEndpointForm } from './CreateEndpointForm.js';

interface Props {
  endpoints: Endpoint[];
  error: string | null;
  captureUrl: string | null;
  selected: string | null;
  onSelect: (slug: string | null) => void;
  onCreate: (slug: string) => Promise<Endpoint>;
  onOpenSettings: (slug: string) => void;
}

export function EndpointSidebar({ endpoints, error, captureUrl, selected, onSelect, onCreate, onOpenSettings }: Props) {
  return (
    <nav className="sidebar" aria-label="Endpoints" data-testid="endpoint-sidebar">
      <h2 className="pane-title">Endpoints</h2>
      <ul className="endpoint-list">
        <li>
          <div className={selected === null ? 'endpoint-item selected' : 'endpoint-item'}>
            <button
              type="button"
              className="endpoint-select"
              aria-current={selected === null}
              data-testid="endpoint-all"
              onClick={() => onSelect(null)}
            >
              <span className="endpoint-name">All deliveries</span>
            </button>
          </div>
        </li>
        {endpoints.map((endpoint) => (
          <li key={endpoint.slug}>
            <EndpointItem
              endpoint={endpoint}
              captureUrl={captureUrl}
              selected={selected === endpoint.slug}
              onSelect={onSelect}
              onOpenSettings={onOpenSettings}
            />
          </li>
        ))}
      </ul>
      {error && <p className="error-text">Could not load endpoints: {error}</p>}
      <CreateEndpointForm onCreate={onCreate} onCreated={onSelect} />
    </nav>
  );
}

function EndpointItem({
  endpoint,
  captureUrl,
  selected,
  onSelect,
  onOpenSettings,
}: {
  endpoint: Endpoint;
  captureUrl: string | null;
  selected: boolean;
  onSelect: (slug: string) => void;
  onOpenSettings: (slug: string) => void;
}) {
  const shown = captureUrl && captureUrlFor(captureUrl, endpoint.slug, endpoint.builtIn);
  const tail = captureUrl && shown ? shown.slice(captureUrl.length + 1) : '';
  // For the catch-all endpoint the useful thing to copy is the base URL, not the "…any path" hint.
  const copied = captureUrl && (endpoint.builtIn ? `${captureUrl}/` : `${captureUrl}/${endpoint.slug}`);
  return (
    <div
      className={selected ? 'endpoint-item selected' : 'endpoint-item'}
      data-testid="endpoint-item"
      data-slug={endpoint.slug}
    >
      <div className="endpoint-head">
        <button type="button" className="endpoint-select" aria-current={selected} onClick={() => onSelect(endpoint.slug)}>
          <span className="endpoint-name">
            {endpoint.slug}
            {endpoint.builtIn && <span className="tag">built-in</span>}
            {endpoint.verification !== null && (
              <span className="tag tag-signed" title={`Verifies signatures: ${endpoint.verification.scheme}`}>
                {endpoint.verification.scheme}
              </span>
            )}
          </span>
          {endpoint.name !== endpoint.slug && <span className="endpoint-label">{endpoint.name}</span>}
        </button>
        {selected && (
          <button
            type="button"
            className="settings-button"
            onClick={() => onOpenSettings(endpoint.slug)}
            title={`Settings of ${endpoint.slug}`}
            data-testid="endpoint-settings-button"
          >
            <span aria-hidden="true">⚙</span> Settings
          </button>
        )}
      </div>
      {shown && copied && (
        <div className="capture-url">
          <code className="mono" data-testid="capture-url" title={shown}>
            {/* Wrap after the base URL rather than inside the slug. */}
            {captureUrl}/<wbr />
            {tail}
          </code>
          <CopyButton text={copied} />
        </div>
      )}
    </div>
  );
}
