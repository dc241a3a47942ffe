// Indexes new deliveries behind the capture path: the pipeline hands each committed delivery here
// after its commit, and they are written in batches (one transaction per ~20 ms or 256 deliveries)
// instead of inside the commit the sender waits for. Measured on the capture path: indexing in the
// commit nearly doubled its CPU per delivery (docs/benchmarks.md), most of it FTS5 flushing a small
// segment per commit and the facet writes touching more B-trees per commit.
//
// Searches still see every stored delivery: the search service flushes what is pending before it
// reads. A crash loses only the pending list, never a delivery; the frontier (the newest delivery
// indexed, written in each batch's transaction) tells the next start what to index again.
import { isStoreUnavailableError } from '../store/store-errors.js';
import type { NewDelivery } from '../store/delivery-repository.js';
import { indexedDelivery, type PendingIndexEntry, type SearchIndexRepository } from './search-index-repository.js';

export interface SearchIndexerOptions {
  /** How long a delivery may wait for company before its batch is written. */
  delayMs?: number;
  /** A batch is written at once when this many are waiting… */
  maxPending?: number;
  /** …or when their bodies add up to this many bytes (they are held in memory until then). */
  maxPendingBytes?: number;
}

const RETRY_MS = 1000;
const CATCH_UP_BATCH = 500;

export class SearchIndexer {
  private pending: PendingIndexEntry[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly delayMs: number;
  private readonly maxPending: number;
  private readonly maxPendingBytes: number;

  constructor(
    private readonly index: SearchIndexRepository,
    options: SearchIndexerOptions = {},
  ) {
    this.delayMs = options.delayMs ?? 20;
    this.maxPending = options.maxPending ?? 256;
    this.maxPendingBytes = options.maxPendingBytes ?? 8 * 1024 * 1024;
  }

  /** A delivery just committed (called in id order). */
  enqueue(id: number, delivery: NewDelivery): void {
    // After close the store is gone; the next start's catchUp() indexes it from the frontier.
    if (this.closed) return;
    this.pending.push({ id, delivery: indexedDelivery(delivery) });
    this.pendingBytes += delivery.body.length;
    if (this.pending.length >= this.maxPending || this.pendingBytes >= this.maxPendingBytes) this.flush();
    else this.timer ??= this.later(this.delayMs);
  }

  /** Writes what is waiting, now. Searches call this first, so stored means searchable. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    try {
      this.index.indexBatch(batch);
    } catch (error) {
      // A locked or full store: keep the batch and try again; capture is failing meanwhile too, so
      // nothing new piles up behind it.
      if (!isStoreUnavailableError(error)) throw error;
      if (!this.closed) this.timer = this.later(RETRY_MS);
      return;
    }
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Pending writes never keep a process alive: close() writes them. */
  private later(ms: number): NodeJS.Timeout {
    return setTimeout(() => this.flush(), ms).unref();
  }

  /** Indexes deliveries stored but not indexed before the last stop (a crash); returns how many. */
  catchUp(): number {
    let done = 0;
    for (let batch = this.index.unindexed(CATCH_UP_BATCH); batch.length > 0; batch = this.index.unindexed(CATCH_UP_BATCH)) {
      this.index.indexBatch(batch);
      done += batch.length;
    }
    return done;
  }

  /** Writes what is waiting; later deliveries are left for the next start. */
  close(): void {
    try {
      this.flush();
    } finally {
      this.closed = true;
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
