// The page's side of the body worker: one worker for the window, started on first use, each
// request a promise. Bytes are copied into the worker (transferred), so the views keep theirs.
import type { WorkerAnswer, WorkerRequest } from './body-worker-protocol.js';

type Ok = Extract<WorkerAnswer, { ok: true }>;

let worker: Worker | null = null;
let nextId = 1;
let nextDoc = 1;
const waiting = new Map<number, { resolve: (answer: Ok) => void; reject: (error: Error) => void }>();

function theWorker(): Worker {
  if (worker) return worker;
  worker = new Worker(new URL('./body-worker.ts', import.meta.url), { type: 'module', name: 'hookscope-body' });
  worker.onmessage = (event: MessageEvent<{ id: number; reply: WorkerAnswer }>) => {
    const pending = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    if (!pending) return;
    const { reply } = event.data;
    if (reply.ok) pending.resolve(reply);
    else pending.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    // A worker that died takes its requests with it; the next request starts a fresh one.
    for (const pending of waiting.values()) pending.reject(new Error(event.message || 'the body worker stopped'));
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  return worker;
}

/** Asks the worker; `bytes` (when the request carries them) are copied, then handed over. */
export function askBodyWorker(request: WorkerRequest): Promise<Ok> {
  const id = nextId++;
  const transfer = 'bytes' in request ? [request.bytes] : [];
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    theWorker().postMessage({ id, request }, transfer);
  });
}

/** A fresh document id for json-open. */
export function newDocumentId(): number {
  return nextDoc++;
}

/** A copy of `bytes` as its own ArrayBuffer, to transfer. */
export function bufferCopy(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer;
}
