import { useMemo, useState } from 'react';
import { JsonView, defaultStyles } from 'react-json-view-lite';
import type { Delivery } from '../../../../electron/contract/index.js';
import { Segmented } from '../../components/Segmented.js';
import { base64ToBytes } from '../../lib/base64.js';
import { decodeText, HEX_VIEW_LIMIT, looksLikeJson, parseJson, TEXT_VIEW_LIMIT, type JsonParse } from '../../lib/body.js';
import { formatBytes } from '../../lib/format.js';
import { hexdump } from '../../lib/hexdump.js';
import { DownloadRawButton } from './DownloadRawButton.js';

type BodyView = 'text' | 'json' | 'hex';

const VIEWS: { id: BodyView; label: string }[] = [
  { id: 'text', label: 'Text' },
  { id: 'json', label: 'JSON' },
  { id: 'hex', label: 'Hex' },
];

const jsonStyles = { ...defaultStyles, container: 'json-tree-container' };

/** Open two levels: enough to see the shape of a webhook without unfolding a huge payload. */
const expandTopLevels = (level: number) => level < 2;

/** The captured body. Every view renders plain text nodes: a payload is never markup here. */
export function BodyTab({ delivery }: { delivery: Delivery }) {
  const bytes = useMemo(() => base64ToBytes(delivery.body), [delivery.body]);
  const declaredJson = looksLikeJson(delivery.contentType);
  const [view, setView] = useState<BodyView | null>(null);
  const needJson = declaredJson || view === 'json';
  const json = useMemo(() => (needJson && bytes.length > 0 ? parseJson(bytes) : null), [needJson, bytes]);
  const shown: BodyView = view ?? (declaredJson && json?.ok ? 'json' : 'text');

  return (
    <div className="body-tab">
      <div className="body-toolbar">
        <Segmented options={VIEWS} selected={shown} onSelect={setView} label="Body view" />
        <span className="muted">
          {formatBytes(bytes.length)}
          {delivery.contentType && <> · {delivery.contentType}</>}
        </span>
        <DownloadRawButton id={delivery.id} contentType={delivery.contentType} />
      </div>
      {bytes.length === 0 ? (
        <p className="muted" data-testid="body-empty">
          Empty body.
        </p>
      ) : shown === 'text' ? (
        <TextView bytes={bytes} />
      ) : shown === 'json' ? (
        <JsonBodyView json={json} />
      ) : (
        <HexView bytes={bytes} />
      )}
    </div>
  );
}

function TextView({ bytes }: { bytes: Uint8Array }) {
  const { text, truncated } = useMemo(() => decodeText(bytes), [bytes]);
  return (
    <>
      {truncated && (
        <p className="note">
          Showing the first {formatBytes(TEXT_VIEW_LIMIT)} of {formatBytes(bytes.length)}. Use “Download raw” for all of it.
        </p>
      )}
      <pre className="mono body-pre" data-testid="body-text">
        {text}
      </pre>
    </>
  );
}

function JsonBodyView({ json }: { json: JsonParse | null }) {
  const pretty = useMemo(() => (json?.ok ? JSON.stringify(json.value, null, 2) : ''), [json]);
  if (!json) return null;
  if (!json.ok) {
    return (
      <p className="note note-warning" data-testid="body-json-error">
        Not valid JSON: {json.message}
      </p>
    );
  }
  const tree = typeof json.value === 'object' && json.value !== null;
  return (
    <>
      {tree && (
        <div className="json-tree mono" data-testid="body-json-tree">
          <JsonView data={json.value as object} shouldExpandNode={expandTopLevels} style={jsonStyles} />
        </div>
      )}
      <h3 className="section-title">Pretty</h3>
      <pre className="mono body-pre" data-testid="body-json">
        {pretty}
      </pre>
    </>
  );
}

function HexView({ bytes }: { bytes: Uint8Array }) {
  const dump = useMemo(() => hexdump(bytes, HEX_VIEW_LIMIT), [bytes]);
  return (
    <>
      {bytes.length > HEX_VIEW_LIMIT && (
        <p className="note">
          Showing the first {formatBytes(HEX_VIEW_LIMIT)} of {formatBytes(bytes.length)}. Use “Download raw” for all of it.
        </p>
      )}
      <pre className="mono body-pre hexdump" data-testid="body-hex">
        {dump}
      </pre>
    </>
  );
}
