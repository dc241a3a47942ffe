import { useMemo, useState } from 'react';
import type { Delivery } from '../../../../electron/contract/index.js';
import { Segmented } from '../../components/Segmented.js';
import { ViewBoundary } from '../../components/ViewBoundary.js';
import { base64ToBytes } from '../../lib/base64.js';
import { bodyKind, charsetOf, sniffImage, type BodyKind } from '../../lib/body-kind.js';
import { formatBytes } from '../../lib/format.js';
import { boundaryOf } from '../../lib/multipart.js';
import { useDecodedBody, type DecodedState } from './use-decoded-body.js';
import { FormView, HexView, ImagePreview, PartsView, PrettyJsonView, RawRequestView, TextView, XmlView } from './BodyViews.js';
import { DownloadRawButton } from './DownloadRawButton.js';
import { JsonTreeView } from './JsonTreeView.js';
import './body.css';
import './detail.css';

type BodyView = 'json' | 'pretty' | 'form' | 'parts' | 'xml' | 'image' | 'text' | 'raw' | 'hex';

const LABELS: Record<BodyView, string> = {
  json: 'JSON',
  pretty: 'Pretty',
  form: 'Form',
  parts: 'Parts',
  xml: 'XML',
  image: 'Image',
  text: 'Text',
  raw: 'Raw request',
  hex: 'Hex',
};

/** The views that fit a kind of body, best first; Text, Raw request and Hex fit every body. */
const VIEWS_OF: Record<BodyKind, BodyView[]> = {
  json: ['json', 'pretty'],
  form: ['form'],
  multipart: ['parts'],
  xml: ['xml'],
  image: ['image'],
  pdf: [],
  text: [],
  binary: [],
};

function viewsFor(kind: BodyKind): BodyView[] {
  // Anything may be JSON that was labelled otherwise: the JSON view is a click away.
  const json: BodyView[] = VIEWS_OF[kind].includes('json') ? [] : ['json'];
  return [...VIEWS_OF[kind], 'text', ...json, 'raw', 'hex'];
}

/** The captured body, decoded when the sender compressed it, in the viewer that fits it. */
export function BodyTab({ delivery, onShowDocuments }: { delivery: Delivery; onShowDocuments: () => void }) {
  const received = useMemo(() => base64ToBytes(delivery.body), [delivery.body]);
  const decoded = useDecodedBody(delivery, received);
  const bytes = decoded.status === 'ready' ? decoded.bytes : received;
  const undecodable = decoded.status === 'error';
  const kind: BodyKind = undecodable ? 'binary' : bodyKind(delivery.contentType, bytes);
  const views = viewsFor(kind);
  const [view, setView] = useState<BodyView | null>(null);
  const shown: BodyView = view && views.includes(view) ? view : views[0]!;
  const charset = charsetOf(delivery.contentType);

  return (
    <div className="body-tab">
      <div className="body-toolbar">
        <Segmented options={views.map((id) => ({ id, label: LABELS[id] }))} selected={shown} onSelect={setView} label="Body view" />
        <span className="muted">
          {formatBytes(bytes.length)}
          {delivery.contentType && <> · {delivery.contentType}</>}
        </span>
        <DownloadRawButton id={delivery.id} contentType={delivery.contentType} />
      </div>
      <DecodingNote state={decoded} receivedBytes={received.length} />
      {decoded.status === 'loading' ? (
        <p className="muted">Decoding…</p>
      ) : bytes.length === 0 ? (
        <p className="muted" data-testid="body-empty">
          Empty body.
        </p>
      ) : (
        // The toolbar stays outside: if one view fails, the others (Hex, Download raw) are a click away.
        <ViewBoundary resetKey={`${delivery.id}:${shown}`} actions={<span>The Hex view and “Download raw” above still show the bytes.</span>}>
          {shown === 'json' && <JsonTreeView bytes={bytes} charset={charset} />}
          {shown === 'pretty' && <PrettyJsonView bytes={bytes} charset={charset} />}
          {shown === 'form' && <FormView bytes={bytes} />}
          {shown === 'parts' && <PartsView bytes={bytes} boundary={boundaryOf(delivery.contentType)} onShowDocuments={onShowDocuments} />}
          {shown === 'xml' && <XmlView bytes={bytes} charset={charset} />}
          {shown === 'image' && <ImagePreview bytes={bytes} type={sniffImage(bytes) ?? 'application/octet-stream'} />}
          {shown === 'text' && <TextView bytes={bytes} charset={charset} />}
          {shown === 'raw' && <RawRequestView delivery={delivery} bytes={received} />}
          {shown === 'hex' && <HexView bytes={bytes} />}
        </ViewBoundary>
      )}
    </div>
  );
}

function DecodingNote({ state, receivedBytes }: { state: DecodedState; receivedBytes: number }) {
  if (state.status === 'plain') return null;
  const codings = state.encodings.join(', ');
  if (state.status === 'error') {
    return (
      <p className="note note-warning" data-testid="body-decode-error">
        The body is compressed ({codings}) and could not be decoded: {state.message} The views below show the bytes as received.
      </p>
    );
  }
  if (state.status === 'loading') return null;
  return (
    <p className="note" data-testid="body-decoded">
      Decoded from {codings}: {formatBytes(receivedBytes)} received, {formatBytes(state.bytes.length)} decoded. Signatures are checked over the bytes as received;
      “Download raw” gives those.
    </p>
  );
}
