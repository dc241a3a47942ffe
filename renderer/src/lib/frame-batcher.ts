/**
 * Collects items and hands them over at most once per animation frame: a burst of webhooks
 * (hundreds a second) becomes one state update and one render per frame instead of one each.
 */
export function createFrameBatcher<T>(flush: (items: T[]) => void): { push(item: T): void; cancel(): void } {
  let pending: T[] = [];
  let frame: number | null = null;
  return {
    push(item) {
      pending.push(item);
      frame ??= requestAnimationFrame(() => {
        frame = null;
        const items = pending;
        pending = [];
        flush(items);
      });
    },
    cancel() {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      pending = [];
    },
  };
}
