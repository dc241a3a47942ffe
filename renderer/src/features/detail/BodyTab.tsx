import { useMemo, useState } from 'react';
import { JsonView, defaultStyles } from 'react-json-view-lite';
import type { Delivery } from '../../../../electron/contract/index.js';
import { Segmented } from '../../components/Segmented.js';
import { ViewBoundary } from '../../components/ViewBoundary.js';
import { base64ToBytes } from '../../lib/base64.js';
import { decodeText, HEX_VIEW_LIMIT, looksLikeJson, parseJson, TEXT_VIEW_LIMIT, type JsonParse } from '../../lib/body.js';
import { formatBytes } from '../../lib/format.js';
import { hexdump } from '../../lib/hexdump.js';
import { DEEPER_NOT_SHOWN, JSON_MAX_DEPTH, JSON_TREE_EAGER_NODES, limitJson, prettyJson, type JsonShape } from '../../lib/json-limits.js';
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
const expandTopLevel = (level: number) => level < 1;

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
      ) : (
        // The toolbar stays outside: if one view fails, the others (Hex, Download raw) are a click away.
        <ViewBoundary resetKey={`${delivery.id}:${shown}`} actions={<span>The Hex view and “Download raw” above still show the bytes.</span>}>
          {shown === 'text' ? <TextView bytes={bytes} /> : shown === 'json' ? <JsonBodyView json={json} /> : <HexView bytes={bytes} />}
        </ViewBoundary>
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
      {json.shape.depth > JSON_MAX_DEPTH && (
        <p className="note note-warning" data-testid="body-json-deep">
          Nested {json.shape.depth.toLocaleString('en-US')} levels deep: levels past {JSON_MAX_DEPTH} are shown as “{DEEPER_NOT_SHOWN}”.
          The Text and Hex views show the body as it arrived.
        </p>
      )}
      {tree && <JsonTree value={json.value} shape={json.shape} />}
      <h3 className="section-title">Pretty</h3>
      <PrettyJson value={json.value} shape={json.shape} />
    </>
  );
}

/** The tree of a bounded copy: at most JSON_MAX_DEPTH levels and JSON_TREE_MAX_ITEMS children each. */
function JsonTree({ value, shape }: { value: unknown; shape: JsonShape }) {
  const data = useMemo(() => limitJson(value) as object, [value]);
  // A big payload opens only its top level: expanding is the user's choice, one node at a time.
  const shouldExpand = shape.nodes > JSON_TREE_EAGER_NODES ? expandTopLevel : expandTopLevels;
  return (
    <div className="json-tree mono" data-testid="body-json-tree">
      <JsonView data={data} shouldExpandNode={shouldExpand} style={jsonStyles} />
    </div>
  );
}

function PrettyJson({ value, shape }: { value: unknown; shape: JsonShape }) {
  const { text } = useMemo(() => prettyJson(value, shape), [value, shape]);
  return <ExpandablePre text={text} testId="body-json" />;
}

/** Long text shown a slice at a time, so a big body costs what is looked at. */
function ExpandablePre({ text, testId }: { text: string; testId: string }) {
  const [shown, setShown] = useState(TEXT_VIEW_LIMIT);
  const rest = text.length - shown;
  return (
    <>
      <pre className="mono body-pre" data-testid={testId}>
        {rest > 0 ? text.slice(0, shown) : text}
      </pre>
      {rest > 0 && (
        <p className="note">
          {rest.toLocaleString('en-US')} more characters.{' '}
          <button type="button" className="link-button" onClick={() => setShown((n) => n + TEXT_VIEW_LIMIT)} data-testid={`${testId}-more`}>
            Show more
          </button>
        </p>
      )}
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
