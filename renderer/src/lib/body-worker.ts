// The Web Worker where the inspector parses bodies (JSON, XML, multipart): a stranger's bytes, and
// a 5 MiB JSON body takes longer to parse and walk than one frame. The page thread only asks for
// the rows on screen, a value to copy, or a finished text; a parsed JSON document stays here until
// the view that opened it closes it.
import { measureJson } from './json-limits.js';
import { defaultOpen, valueAt, valueText, visibleRows, type Segment } from './json-rows.js';
import { parseMultipart } from './multipart.js';
import { prettyXml } from './xml-pretty.js';
import { checkJson } from './json-check.js';
import { diffBodies } from './body-diff.js';
import { prettyJson } from './json-limits.js';
import type { WorkerAnswer, WorkerRequest } from './body-worker-protocol.js';

const documents = new Map<number, unknown>();

function decode(bytes: ArrayBuffer, charset: string | null): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset ?? 'utf-8');
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

function answer(request: WorkerRequest): WorkerAnswer {
  switch (request.op) {
    case 'json-open': {
      let value: unknown;
      try {
        value = JSON.parse(decode(request.bytes, request.charset));
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
      documents.set(request.doc, value);
      const shape = measureJson(value);
      const open = defaultOpen(value, shape.nodes);
      return { ok: true, shape, open: [...open], rows: visibleRows(value, open) };
    }
    case 'json-rows':
      return { ok: true, rows: visibleRows(documents.get(request.doc), new Set(request.open)) };
    case 'json-value':
      return { ok: true, text: valueText(valueAt(documents.get(request.doc), request.path as Segment[])) };
    case 'json-pretty':
      return { ok: true, ...prettyJson(documents.get(request.doc)) };
    case 'json-close':
      documents.delete(request.doc);
      return { ok: true };
    case 'xml':
      return { ok: true, ...prettyXml(decode(request.bytes, request.charset)) };
    case 'multipart':
      return { ok: true, ...parseMultipart(new Uint8Array(request.bytes), request.boundary) };
    case 'json-check':
      return { ok: true, check: checkJson(request.text) };
    case 'diff':
      return { ok: true, diff: diffBodies({ bytes: new Uint8Array(request.left), contentType: request.leftType }, { bytes: new Uint8Array(request.right), contentType: request.rightType }) };
  }
}

self.onmessage = (event: MessageEvent<{ id: number; request: WorkerRequest }>) => {
  const { id, request } = event.data;
  let reply: WorkerAnswer;
  try {
    reply = answer(request);
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  (self as unknown as Worker).postMessage({ id, reply });
};
