import type { Endpoint } from '../../../../electron/contract/index.js';
import { CopyButton } from '../../components/CopyButton.js';
import { captureUrlFor } from '../../lib/format.js';
import { endpointPublicUrl } from '../../lib/public-url.js';
import { CreateEndpointForm } from './CreateEndpointForm.js';
import { FailingMarker } from './FailingOnPurpose.js';
import './endpoints.css';

interface Props {
  endpoints: Endpoint[];
  error: string | null;
  captureUrl: string | null;
  /** The public base URL (tunnel or own), or null; an endpoint's own public URL overrides it. */
  publicBase: string | null;
  selected: string | null;
  onSelect: (slug: string | null) => void;
  onCreate: (slug: string) => Promise<Endpoint>;
  onOpenSettings: (slug: string) => void;
  onOpenTrigger: (slug: string) => void;
}

export function EndpointSidebar({ endpoints, error, captureUrl, publicBase, selected, onSelect, onCreate, onOpenSettings, onOpenTrigger }: Props) {
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
              publicBase={publicBase}
              selected={selected === endpoint.slug}
              onSelect={onSelect}
              onOpenSettings={onOpenSettings}
              onOpenTrigger={onOpenTrigger}
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
  publicBase,
  selected,
  onSelect,
  onOpenSettings,
  onOpenTrigger,
}: {
  endpoint: Endpoint;
  captureUrl: string | null;
  publicBase: string | null;
  selected: boolean;
  onSelect: (slug: string) => void;
  onOpenSettings: (slug: string) => void;
  onOpenTrigger: (slug: string) => void;
}) {
  const shown = captureUrl && captureUrlFor(captureUrl, endpoint.slug, endpoint.builtIn);
  const tail = captureUrl && shown ? shown.slice(captureUrl.length + 1) : '';
  // For the catch-all endpoint the useful thing to copy is the base URL, not the "…any path" hint.
  const copied = captureUrl && (endpoint.builtIn ? `${captureUrl}/` : `${captureUrl}/${endpoint.slug}`);
  const publicUrl = endpointPublicUrl(publicBase, endpoint);
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
            <FailingMarker endpoint={endpoint} />
          </span>
          {endpoint.name !== endpoint.slug && <span className="endpoint-label">{endpoint.name}</span>}
        </button>
      </div>
      {selected && (
        <div className="endpoint-actions">
          <button
            type="button"
            className="settings-button"
            onClick={() => onOpenSettings(endpoint.slug)}
            title={`Settings of ${endpoint.slug}`}
            data-testid="endpoint-settings-button"
          >
            <span aria-hidden="true">⚙</span> Settings
          </button>
          <button
            type="button"
            className="settings-button"
            onClick={() => onOpenTrigger(endpoint.slug)}
            title={`Send a provider's test event (${endpoint.slug})`}
            data-testid="open-trigger"
          >
            Test event
          </button>
        </div>
      )}
      {shown && copied && (
        <div className="capture-url">
          <span className="url-text">
            <span className="url-kind" title="Senders on this machine">
              local
            </span>
            <code className="mono" data-testid="capture-url" title={shown}>
              {/* Wrap after the base URL rather than inside the slug. */}
              {captureUrl}/<wbr />
              {tail}
            </code>
          </span>
          <CopyButton text={copied} />
        </div>
      )}
      {publicUrl && (
        <div className="capture-url public-url">
          <span className="url-text">
            <span
              className="url-kind url-kind-public"
              title={endpoint.publicUrl ? "Senders on the internet: this endpoint's own public URL (its settings)" : 'Senders on the internet'}
            >
              public
            </span>
            <code className="mono" data-testid="public-url" title={publicUrl.shown}>
              <BreakBeforePath url={publicUrl.shown} />
            </code>
          </span>
          <CopyButton text={publicUrl.copied} testId="copy-public-url" />
        </div>
      )}
    </div>
  );
}

/** The URL with a line-break opportunity after the host, so a long host name wraps before the path rather than at a hyphen. */
function BreakBeforePath({ url }: { url: string }) {
  const scheme = url.indexOf('://');
  const cut = scheme === -1 ? -1 : url.indexOf('/', scheme + 3);
  if (cut === -1) return <>{url}</>;
  return (
    <>
      {url.slice(0, cut + 1)}
      <wbr />
      {url.slice(cut + 1)}
    </>
  );
}
