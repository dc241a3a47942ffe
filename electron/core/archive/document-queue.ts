// Fetching the documents payloads point to, fairly. Anyone who can post to the capture URL can
// fill a payload with links to a host that never answers; a single FIFO queue let four such
// deliveries hold every fetch slot until a real provider's link had expired. So: a bounded queue,
// links a recognised provider documents go first and have slots of their own, and no host gets
// more than a few fetches at once.

export interface DocumentFetch {
  /** Host and port of the link (lower case): the unit of fairness. */
  host: string;
  /** 0: a link a recognised provider documents; 1: a URL ending in .pdf; 2: a field merely named like a link. */
  priority: 0 | 1 | 2;
  run: () => Promise<void>;
  /** Called instead of run when the queue is full and this fetch loses its place. */
  dropped: () => void;
}

export interface DocumentQueueLimits {
  /** Fetches at once, for every kind of link. */
  concurrency: number;
  /** Extra fetches at once for priority-0 links only, so strangers' links cannot hold every slot. */
  reserved: number;
  perHost: number;
  /** Fetches waiting, at most; past it the least important, newest one is dropped. */
  maxQueued: number;
}

export const defaultDocumentQueueLimits: DocumentQueueLimits = { concurrency: 4, reserved: 2, perHost: 2, maxQueued: 500 };

export class DocumentQueue {
  private readonly waiting: DocumentFetch[][] = [[], [], []];
  private active = 0;
  private readonly perHost = new Map<string, number>();
  private closed = false;

  constructor(
    private readonly onSettled: () => void,
    private readonly limits: DocumentQueueLimits = defaultDocumentQueueLimits,
  ) {}

  push(fetch: DocumentFetch): void {
    if (this.closed) return;
    this.waiting[fetch.priority]!.push(fetch);
    if (this.queued() > this.limits.maxQueued) this.dropOne();
    this.pump();
  }

  queued(): number {
    return this.waiting.reduce((n, lane) => n + lane.length, 0);
  }

  running(): number {
    return this.active;
  }

  close(): void {
    this.closed = true;
    for (const lane of this.waiting) lane.length = 0;
  }

  /** The newest fetch of the least important non-empty lane. */
  private dropOne(): void {
    for (let priority = 2; priority >= 0; priority--) {
      const lost = this.waiting[priority]!.pop();
      if (lost) {
        lost.dropped();
        return;
      }
    }
  }

  private pump(): void {
    for (;;) {
      if (this.closed) return;
      const next = this.takeNext();
      if (!next) return;
      this.active++;
      this.perHost.set(next.host, (this.perHost.get(next.host) ?? 0) + 1);
      next
        .run()
        .catch(() => {})
        .finally(() => {
          this.active--;
          const left = (this.perHost.get(next.host) ?? 1) - 1;
          if (left === 0) this.perHost.delete(next.host);
          else this.perHost.set(next.host, left);
          this.pump();
          this.onSettled();
        });
    }
  }

  /** The most important waiting fetch that may start now, in arrival order within its lane. */
  private takeNext(): DocumentFetch | undefined {
    for (let priority = 0; priority < this.waiting.length; priority++) {
      const limit = this.limits.concurrency + (priority === 0 ? this.limits.reserved : 0);
      if (this.active >= limit) continue;
      const lane = this.waiting[priority]!;
      const at = lane.findIndex((fetch) => (this.perHost.get(fetch.host) ?? 0) < this.limits.perHost);
      if (at >= 0) return lane.splice(at, 1)[0];
    }
    return undefined;
  }
}
