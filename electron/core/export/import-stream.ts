// Runs one import: the file's bytes go from their source (an HTTP request body, a string) to a
// worker thread that parses them (import-worker.ts), one chunk at a time, and the deliveries
// come back in batches that are stored here, each in one short transaction through the same
// `store` the caller gives (core.ts: insert, announce, enrich). Memory stays bounded: one chunk
// is in flight, the worker holds at most one entry and one batch, and its heap is capped.
// Time too: a chunk the worker does not finish within `chunkBudgetMs` ends the import.
// All or nothing: on any failure the deliveries this import stored are discarded again, so a
// malformed file leaves the store as it found it (captured deliveries are never touched).
import { Worker } from 'node:worker_threads';
import type { NewDelivery } from '../store/delivery-repository.js';
import { ImportError } from './import.js';
import type { ReaderLimits } from './import-reader.js';
import type { FromWorker, ImportWorkerData, ToWorker } from './import-worker.js';

export interface ImportBudget {
  /** The worker's heap (old generation), MiB. */
  maxHeapMb: number;
  /** Longest the worker may take over one chunk. */
  chunkBudgetMs: number;
  /** Deliveries per stored batch, and body bytes per batch. */
  batchEntries: number;
  batchBytes: number;
  limits?: Partial<ReaderLimits>;
}

export const DEFAULT_IMPORT_BUDGET: ImportBudget = { maxHeapMb: 512, chunkBudgetMs: 30_000, batchEntries: 50, batchBytes: 2 * 1024 * 1024 };

export interface RunImportOptions {
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  endpointId: number;
  now: number;
  /** Stores one batch (one transaction) and returns the ids, in order. */
  store: (batch: NewDelivery[]) => number[];
  /** Removes what this import stored, when it fails. */
  discard: (ids: number[]) => void;
  onProgress?: (progress: { bytesRead: number; entries: number }) => void;
  budget?: Partial<ImportBudget>;
}

// Under tsx (tests) this module is the .ts source and so is the worker beside it.
const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './import-worker.ts' : './import-worker.js', import.meta.url);

/** Resolves with the stored ids in file order; rejects with an ImportError saying what and where. */
export async function runImport(options: RunImportOptions): Promise<number[]> {
  const budget = { ...DEFAULT_IMPORT_BUDGET, ...options.budget };
  const workerData: ImportWorkerData = {
    endpointId: options.endpointId,
    now: options.now,
    limits: budget.limits,
    batch: { entries: budget.batchEntries, bytes: budget.batchBytes },
  };
  const worker = new Worker(workerUrl, {
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: budget.maxHeapMb, maxYoungGenerationSizeMb: 32 },
    stdout: true,
    stderr: true,
  });
  const ids: number[] = [];
  const session = new WorkerSession(worker, budget.chunkBudgetMs, (batch) => {
    for (const delivery of batch) delivery.body = Buffer.from(delivery.body.buffer, delivery.body.byteOffset, delivery.body.byteLength);
    ids.push(...options.store(batch));
  });
  let bytesRead = 0;
  try {
    for await (const chunk of options.source) {
      bytesRead += chunk.byteLength;
      const entries = await session.send({ type: 'chunk', data: new Uint8Array(chunk) }, bytesRead);
      options.onProgress?.({ bytesRead, entries });
    }
    const entries = await session.send({ type: 'end' }, bytesRead);
    options.onProgress?.({ bytesRead, entries });
    return ids;
  } catch (error) {
    if (ids.length > 0) options.discard(ids);
    throw error instanceof ImportError ? error : new ImportError(`the import stopped after ${bytesRead} bytes: ${(error as Error).message}`);
  } finally {
    void worker.terminate();
  }
}

/** One request to the worker at a time: a chunk (or the end), answered by `read`/`done` or a failure. */
class WorkerSession {
  private waiting: { resolve: (entries: number) => void; reject: (error: Error) => void } | null = null;
  private failure: Error | null = null;

  constructor(
    private readonly worker: Worker,
    private readonly budgetMs: number,
    onBatch: (batch: NewDelivery[]) => void,
  ) {
    worker.on('message', (message: FromWorker) => {
      try {
        if (message.type === 'batch') onBatch(message.deliveries);
        else if (message.type === 'failed') this.fail(message.importError ? new ImportError(message.message) : new Error(message.message));
        else this.settle(message.entries);
      } catch (error) {
        this.fail(error as Error);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      this.fail(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new ImportError('the file needs more memory than an import may use (an entry is too large or too deeply built)')
          : error,
      );
    });
    worker.on('exit', (code) => this.fail(new Error(`the import worker stopped (exit code ${code})`)));
  }

  send(message: ToWorker, bytesRead: number): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new ImportError(`reading the file took over ${this.budgetMs} ms around byte ${bytesRead}; the import was stopped`)),
        this.budgetMs,
      );
      this.waiting = {
        resolve: (entries) => {
          clearTimeout(timer);
          resolve(entries);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const transfer = message.type === 'chunk' ? [message.data.buffer as ArrayBuffer] : [];
      this.worker.postMessage(message, transfer);
    });
  }

  private settle(entries: number): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.resolve(entries);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(this.failure);
    void this.worker.terminate();
  }
}
