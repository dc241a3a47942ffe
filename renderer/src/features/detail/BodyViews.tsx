// The viewers of a body other than the JSON tree. Each renders text nodes only: a payload is data,
// never markup. Parsing that can take long (XML, multipart) happens in the body worker.
import { useEffect, useMemo, useState } from 'react';
import type { Delivery } from '../../../../electron/contract/index.js';
import { askBodyWorker, bufferCopy, newDocumentId } from '../../lib/body-worker-client.js';
import { decodeText, HEX_VIEW_LIMIT, TEXT_VIEW_LIMIT } from '../../lib/body.js';
import { sniffImage } from '../../lib/body-kind.js';
import { formatBytes } from '../../lib/format.js';
import { hexdump } from '../../lib/hexdump.js';
import { partPreview, type MultipartPart } from '../../lib/multipart.js';

export function TextView({ bytes, charset }: { bytes: Uint8Array; charset: string | null }) {
  const { text, truncated } = useMemo(() => decodeText(bytes, TEXT_VIEW_LIMIT, charset), [bytes, charset]);
  return (
    <>
      {truncated && (
        <p className="note">
          Showing the first {formatBytes(TEXT_VIEW_LIMIT)} of {formatBytes(bytes.length)}. Use “Download raw” for all of it.
        </p>
      )}
      {charset && charset !== 'utf-8' && <p className="muted fine">Read as {charset}, the charset the sender named.</p>}
      <pre className="mono body-pre" data-testid="body-text">
        {text}
      </pre>
    </>
  );
}

export function HexView({ bytes }: { bytes: Uint8Array }) {
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

/** Long text shown a slice at a time, so a big body costs what is looked at. */
export function ExpandablePre({ text, testId }: { text: string; testId: string }) {
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

type Worked<T> = { status: 'working' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** One question to the body worker, asked again when its inputs change; stale answers dropped. */
function useWorker<T>(ask: () => Promise<T>, deps: unknown[]): Worked<T> {
  const [state, setState] = useState<Worked<T>>({ status: 'working' });
  useEffect(() => {
    let current = true;
    setState({ status: 'working' });
    ask().then(
      (value) => current && setState({ status: 'ready', value }),
      (error: Error) => current && setState({ status: 'error', message: error.message }),
    );
    return () => {
      current = false;
    };
  }, deps);
  return state;
}

function WorkerState({ state, what }: { state: Worked<unknown>; what: string }) {
  if (state.status === 'working') return <p className="muted">Reading {what}…</p>;
  if (state.status === 'error') return <p className="note note-warning">Could not read the {what}: {state.message}</p>;
  return null;
}

/** A pretty-printed JSON text, written in the worker (a 5 MiB body takes a while to indent). */
export function PrettyJsonView({ bytes, charset }: { bytes: Uint8Array; charset: string | null }) {
  const state = useWorker(async () => {
    const doc = newDocumentId();
    try {
      await askBodyWorker({ op: 'json-open', doc, bytes: bufferCopy(bytes), charset });
      return (await askBodyWorker({ op: 'json-pretty', doc })).text!;
    } finally {
      void askBodyWorker({ op: 'json-close', doc }).catch(() => undefined);
    }
  }, [bytes, charset]);
  if (state.status !== 'ready') return <WorkerState state={state} what="JSON" />;
  return <ExpandablePre text={state.value} testId="body-json" />;
}

/** XML indented by a tokenizer: no entity is expanded, no DTD applied, nothing fetched. */
export function XmlView({ bytes, charset }: { bytes: Uint8Array; charset: string | null }) {
  const state = useWorker(() => askBodyWorker({ op: 'xml', bytes: bufferCopy(bytes), charset }), [bytes, charset]);
  if (state.status !== 'ready') return <WorkerState state={state} what="XML" />;
  return (
    <>
      {!state.value.wellFormed && <p className="note">This does not look like well-formed XML throughout; shown as far as it reads.</p>}
      <p className="muted fine">Indented for reading; entities are shown as written, never expanded.</p>
      <ExpandablePre text={state.value.text!} testId="body-xml" />
    </>
  );
}

const MAX_FORM_ROWS = 5000;

/** application/x-www-form-urlencoded as a table of names and values, in order, duplicates kept. */
export function FormView({ bytes }: { bytes: Uint8Array }) {
  const { rows, total } = useMemo(() => {
    const entries = [...new URLSearchParams(decodeText(bytes).text).entries()];
    return { rows: entries.slice(0, MAX_FORM_ROWS), total: entries.length };
  }, [bytes]);
  return (
    <>
      {total > rows.length && <p className="note">Showing the first {rows.length.toLocaleString('en-US')} of {total.toLocaleString('en-US')} fields.</p>}
      <table className="headers-table form-table" data-testid="body-form">
        <thead>
          <tr>
            <th>Name</th>
            <th>Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, value], index) => (
            <tr key={index}>
              <td className="mono col-name">{name}</td>
              <td className="mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function isPdfPart(part: MultipartPart, bytes: Uint8Array): boolean {
  const start = String.fromCharCode(...bytes.subarray(0, 5));
  return part.contentType?.toLowerCase().startsWith('application/pdf') === true || start === '%PDF-' || /\.pdf$/i.test(part.filename ?? '');
}

/** A multipart body as its parts: headers, size, a preview of each; PDF parts open as documents. */
export function PartsView({ bytes, boundary, onShowDocuments }: { bytes: Uint8Array; boundary: string | null; onShowDocuments: () => void }) {
  const state = useWorker(
    () => (boundary === null ? Promise.reject(new Error('the Content-Type names no boundary')) : askBodyWorker({ op: 'multipart', bytes: bufferCopy(bytes), boundary })),
    [bytes, boundary],
  );
  if (state.status !== 'ready') return <WorkerState state={state} what="parts" />;
  const parts = state.value.parts ?? [];
  return (
    <div data-testid="body-parts">
      {state.value.problem && <p className="note note-warning">{state.value.problem}</p>}
      <p className="muted fine">{parts.length} {parts.length === 1 ? 'part' : 'parts'}</p>
      {parts.map((part, index) => (
        <PartCard key={index} index={index} part={part} bytes={bytes.subarray(part.start, part.end)} onShowDocuments={onShowDocuments} />
      ))}
    </div>
  );
}

function PartCard({ index, part, bytes, onShowDocuments }: { index: number; part: MultipartPart; bytes: Uint8Array; onShowDocuments: () => void }) {
  const preview = useMemo(() => partPreview(bytes), [bytes]);
  const pdf = isPdfPart(part, bytes);
  const image = sniffImage(bytes);
  return (
    <section className="body-part" data-testid="body-part">
      <h4 className="body-part-title">
        <span className="mono">{part.name ?? `part ${index + 1}`}</span>
        {part.filename && <span className="muted"> · {part.filename}</span>}
        <span className="muted"> · {formatBytes(bytes.length)}</span>
        {part.contentType && <span className="muted"> · {part.contentType}</span>}
      </h4>
      <table className="headers-table">
        <tbody>
          {part.headers.map(([name, value], i) => (
            <tr key={i}>
              <td className="mono col-name">{name}</td>
              <td className="mono">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pdf ? (
        <p>
          A PDF.{' '}
          <button type="button" className="link-button" onClick={onShowDocuments} data-testid="body-part-open-document">
            Open it in Documents
          </button>
        </p>
      ) : image ? (
        <ImagePreview bytes={bytes} type={image} />
      ) : preview !== null ? (
        <pre className="mono body-pre body-part-preview">{preview}</pre>
      ) : (
        <p className="muted">Binary ({formatBytes(bytes.length)}); the Hex view shows it.</p>
      )}
    </section>
  );
}

/** An image from its bytes through a blob: URL (CSP img-src blob:), its type taken from its magic number. */
export function ImagePreview({ bytes, type }: { bytes: Uint8Array; type: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(new Blob([bufferCopy(bytes)], { type }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [bytes, type]);
  return url ? <img className="body-image" src={url} alt={`The body, ${type}`} data-testid="body-image" /> : null;
}

/** The request as it arrived: request line, headers in order, a blank line, the body as text. */
export function RawRequestView({ delivery, bytes }: { delivery: Delivery; bytes: Uint8Array }) {
  const text = useMemo(() => {
    const head = [`${delivery.method} ${delivery.url} HTTP/${delivery.httpVersion}`, ...delivery.headers.map(([name, value]) => `${name}: ${value}`)].join('\n');
    const { text: body, truncated } = decodeText(bytes);
    return `${head}\n\n${body}${truncated ? '\n… (cut; “Download raw” has all of it)' : ''}`;
  }, [delivery, bytes]);
  return <ExpandablePre text={text} testId="body-raw" />;
}
