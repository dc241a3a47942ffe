// Group commit: "store, then answer" without paying one SQLite transaction per request.
// Deliveries that finish in the same event-loop turn are written in ONE transaction, then every
// waiting sender is answered. When the database is busy (another connection holds the write lock)
// the batch is retried asynchronously, so the event loop never blocks on the lock; past the
// deadline, or on a hard failure (disk full, I/O error), the senders get an error they can turn
// into 503 + Retry-After. Nothing is answered 2xx unless it was committed.

import { isBusyError } from '../store/store-errors.js';

export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export interface GroupCommitOptions {
  /** Most items written in one transaction. */
  maxBatch?: number;
  /** How long an item may wait for a busy database before its sender is told to retry. */
  busyDeadlineMs?: number;
  /** Pause between attempts while the database is busy. */
  busyRetryMs?: number;
  /**
   * Under load, how long after one commit the next may start: deliveries arriving meanwhile join
   * it. Only when the last commit carried more than one delivery (senders are arriving together):
   * a lone delivery, or a steady trickle that comes one per commit anyway, is written at once and
   * waits for nothing. Under concurrent senders it adds at most this much to each one's wait and
   * makes the transactions several times larger (one commit per event-loop turn carried one or
   * two deliveries at 50 concurrent senders: most of the capture path's SQLite time was commits).
   */
  coalesceMs?: number;
  now?: () => number;
}

interface Pending<T, R> {
  item: T;
  enqueuedAt: number;
  resolve: (result: R) => void;
  reject: (error: StoreUnavailableError) => void;
}

export class GroupCommitter<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;
  private readonly maxBatch: number;
  private readonly busyDeadlineMs: number;
  private readonly busyRetryMs: number;
  private readonly now: () => number;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly coalesceMs: number;
  private lastCommitAt = -Infinity;
  private lastBatchSize = 0;
  /** Number of transactions run, for tests and benchmarks. */
  transactions = 0;

  constructor(
    private readonly writeBatch: (items: readonly T[]) => R[],
    options: GroupCommitOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 256;
    this.busyDeadlineMs = options.busyDeadlineMs ?? 2000;
    this.busyRetryMs = options.busyRetryMs ?? 25;
    this.coalesceMs = options.coalesceMs ?? 1;
    this.now = options.now ?? Date.now;
  }

  /** Resolves once the item is committed, with what writeBatch returned for it. */
  enqueue(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, enqueuedAt: this.now(), resolve, reject });
      this.schedule();
    });
  }

  get pending(): number {
    return this.queue.length;
  }

  private schedule(delayMs = 0): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => {
      this.scheduled = false;
      this.retryTimer = undefined;
      this.flush();
    };
    const sinceCommit = performance.now() - this.lastCommitAt;
    if (delayMs === 0 && this.lastBatchSize > 1 && sinceCommit < this.coalesceMs) delayMs = this.coalesceMs - sinceCommit;
    if (delayMs > 0) this.retryTimer = setTimeout(run, delayMs);
    else setImmediate(run);
  }

  private flush(): void {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.maxBatch);
      let results: R[];
      try {
        this.transactions++;
        results = this.writeBatch(batch.map((p) => p.item));
      } catch (error) {
        if (isBusyError(error)) {
          this.expire(error);
          if (this.queue.length > 0) this.schedule(this.busyRetryMs);
          return;
        }
        this.queue.splice(0, batch.length);
        const failure = new StoreUnavailableError(`could not store the delivery: ${describe(error)}`, error);
        for (const p of batch) p.reject(failure);
        continue;
      }
      this.lastCommitAt = performance.now();
      this.lastBatchSize = batch.length;
      this.queue.splice(0, batch.length);
      batch.forEach((p, i) => p.resolve(results[i]!));
    }
  }

  /** While busy, give up on items that have waited past the deadline; the rest wait for the retry. */
  private expire(error: unknown): void {
    const cutoff = this.now() - this.busyDeadlineMs;
    const failure = new StoreUnavailableError('the database is locked by another process', error);
    const keep: Pending<T, R>[] = [];
    for (const p of this.queue) {
      if (p.enqueuedAt <= cutoff) p.reject(failure);
      else keep.push(p);
    }
    this.queue = keep;
  }

  /** Writes whatever is queued now (used on shutdown). */
  drain(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.scheduled = false;
    this.flush();
    // Whatever is still queued could not be written; its senders must hear so.
    for (const p of this.queue.splice(0)) p.reject(new StoreUnavailableError('Hookscope is shutting down', null));
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as { code?: string }).code ? `${(error as { code?: string }).code}: ${error.message}` : error.message;
  return String(error);
}
