// Which deliveries are the same event sent again (a retry, a redelivery). Senders that have an
// event id put it in a header; the rest can only be told apart by their body's own identity.
import { createHash } from 'node:crypto';
import { findHeader } from '../verify/headers.js';
import { getPath } from './json-body.js';
import { findRecognizer } from './recognize.js';
import { read, toField, viewOf, type DeliveryView } from './source.js';
import type { RecognizeInput, Recognizer, Source } from './types.js';
import { recognizers as defaultRecognizers } from './recognizers.js';

export interface DuplicateKey {
  /** `${namespace}:${id}`, e.g. `pdfgorilla:cma1b2c3…`; group by it within one endpoint. */
  key: string;
  /** Where the id came from, for people: "x-pdfg-event-id header", "body jobID". */
  source: string;
}

/**
 * Event-id headers, from the catalogue (each recognizer's `idHeaders`, in its order). The namespace
 * is the provider's id, shared with its body id where they are the same thing (PDF Gorilla:
 * "x-pdfg-event-id — same as jobId"), so a delivery replayed without its headers still joins its group.
 */
export const idHeaders: ReadonlyArray<{ header: string; namespace: string }> = defaultRecognizers.flatMap((r) =>
  (r.idHeaders ?? []).map((header) => ({ header, namespace: r.id })),
);

/** Body ids of senders Hookscope does not know by name: a Stripe-style `evt_…` id, or an `event_id` field. */
export const genericBodyIds: ReadonlyArray<{ path: string; test: RegExp }> = [
  { path: 'id', test: /^evt_[A-Za-z0-9_]+$/ },
  { path: 'event_id', test: /^\S+$/ },
  { path: 'eventId', test: /^\S+$/ },
];

/** Long ids (PDFShift's file URL) are hashed so the key stays short enough to index. */
const MAX_ID_CHARS = 128;

function keyOf(namespace: string, id: string): string {
  const value = id.length > MAX_ID_CHARS ? `sha256-${createHash('sha256').update(id).digest('hex')}` : id;
  return `${namespace}:${value}`;
}

export function describeSource(source: Source): string {
  if ('header' in source) return `${source.header} header`;
  if ('path' in source) return `body ${source.path}`;
  if ('value' in source) return 'constant';
  if ('first' in source) return source.first.map(describeSource).join(' or ');
  if ('join' in source) return source.join.map(describeSource).join(' + ');
  return describeSource(source.map);
}

/** The first present alternative of a source, to say which one the id came from. */
function presentPart(source: Source, view: DeliveryView): Source {
  if ('first' in source) {
    for (const s of source.first) {
      const v = read(s, view);
      if (v !== undefined && v !== null && v !== '') return presentPart(s, view);
    }
  }
  return source;
}

export function duplicateKeyOf(view: DeliveryView, rec: Recognizer | null): DuplicateKey | null {
  for (const { header, namespace } of idHeaders) {
    const found = findHeader(view.headers, header);
    const id = found?.value.trim();
    if (found && id) return { key: keyOf(namespace, id), source: `${found.name} header` };
  }
  if (rec?.dedupe) {
    const v = read(rec.dedupe, view);
    if (v !== undefined && v !== null && v !== '' && typeof v !== 'object') {
      return { key: keyOf(rec.id, String(toField(v))), source: describeSource(presentPart(rec.dedupe, view)) };
    }
  }
  for (const { path, test } of genericBodyIds) {
    const v = getPath(view.json, path);
    if (typeof v === 'string' && test.test(v)) return { key: keyOf('event', v), source: `body ${path}` };
  }
  return null;
}

export function duplicateKey(input: RecognizeInput, table: readonly Recognizer[] = defaultRecognizers): DuplicateKey | null {
  const view = viewOf(input);
  return duplicateKeyOf(view, findRecognizer(view, table));
}
