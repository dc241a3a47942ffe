/**
 * Holds core events while the window cannot take them (before its page has finished loading, or
 * while it reloads) and delivers them in order once it can. Bounded: past `limit` the oldest are
 * dropped and counted — the renderer lists deliveries afresh when it starts, so a very long wait
 * loses nothing it would show.
 */
export class EventQueue<T> {
  private pending: T[] = [];
  private sink: ((item: T) => void) | null = null;
  /** How many items were dropped because the queue was full. */
  dropped = 0;

  constructor(private readonly limit = 10_000) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  }

  get size(): number {
    return this.pending.length;
  }

  get isOpen(): boolean {
    return this.sink !== null;
  }

  push(item: T): void {
    if (this.sink) {
      this.sink(item);
      return;
    }
    this.pending.push(item);
    if (this.pending.length > this.limit) {
      this.pending.shift();
      this.dropped += 1;
    }
  }

  /** Delivers what is queued, in order, then every later item directly. */
  open(sink: (item: T) => void): void {
    const queued = this.pending;
    this.pending = [];
    this.sink = sink;
    for (const item of queued) sink(item);
  }

  /** Queue again (the page is reloading, or gone). */
  pause(): void {
    this.sink = null;
  }
}
