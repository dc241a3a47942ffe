// The import's parse, in a worker thread (started by import-stream.ts with a memory limit): the
// file's bytes come in as messages, one chunk at a time; entries are read (import-reader.ts),
// checked and turned into deliveries here, then sent back in batches for the main thread to
// store. A hostile file can exhaust this worker's heap or trip a limit; either ends the import
// with a message, and the capture thread never parses a byte of it.
import { parentPort, workerData } from 'node:worker_threads';
import type { NewDelivery } from '../store/delivery-repository.js';
import { deliveryFrom, ImportError } from './import.js';
import { ImportReader, READ_SLICE_BYTES, type ReaderLimits } from './import-reader.js';

export interface ImportWorkerData {
  endpointId: number;
  now: number;
  limits?: Partial<ReaderLimits>;
  batch: { entries: number; bytes: number };
}

/** Main → worker. */
export type ToWorker = { type: 'chunk'; data: Uint8Array } | { type: 'end' };
/** Worker → main. `read`: the chunk is consumed (send the next); `batch`: store these. */
export type FromWorker =
  | { type: 'batch'; deliveries: NewDelivery[] }
  | { type: 'read'; entries: number }
  | { type: 'done'; entries: number }
  | { type: 'failed'; message: string; importError: boolean };

const port = parentPort!;
const data = workerData as ImportWorkerData;
const post = (message: FromWorker) => port.postMessage(message);

let batch: NewDelivery[] = [];
let batchBytes = 0;
const flush = () => {
  if (batch.length === 0) return;
  post({ type: 'batch', deliveries: batch });
  batch = [];
  batchBytes = 0;
};

const reader = new ImportReader((kind, value, index) => {
  const delivery = deliveryFrom[kind](value, index, data.endpointId, data.now);
  // A view on a shared pool would be cloned with its whole pool: send exactly the body's bytes.
  if (delivery.body.byteLength !== delivery.body.buffer.byteLength) delivery.body = Buffer.from(new Uint8Array(delivery.body).buffer);
  batch.push(delivery);
  batchBytes += delivery.body.length + delivery.response.body.length;
  if (batch.length >= data.batch.entries || batchBytes >= data.batch.bytes) flush();
}, data.limits);
const decoder = new TextDecoder('utf-8');

function consume(message: ToWorker): void {
  if (message.type === 'chunk') {
    const bytes = message.data;
    for (let at = 0; at < bytes.length; at += READ_SLICE_BYTES) {
      const slice = bytes.subarray(at, at + READ_SLICE_BYTES);
      reader.write(decoder.decode(slice, { stream: true }), slice.length);
    }
    post({ type: 'read', entries: reader.count });
    return;
  }
  reader.write(decoder.decode(), 0);
  reader.end();
  flush();
  post({ type: 'done', entries: reader.count });
}

port.on('message', (message: ToWorker) => {
  try {
    consume(message);
  } catch (error) {
    const importError = error instanceof ImportError;
    post({ type: 'failed', message: importError ? error.message : `the import failed: ${(error as Error).message}`, importError });
    port.close();
  }
});
