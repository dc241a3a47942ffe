// A server child of `npm run bench` answers its parent over IPC: "ready" with its port, then
// "stats" (its own process.cpuUsage(), which covers all its threads, as a cross-check of the
// parent's /proc reading, plus any counters), "drain" (stats once its background work is done) and "stop".
export interface Reporting {
  /** Counters the row reports (deliveries stored, enriched…). */
  counters?: () => object;
  /** Resolves when work left after the answers (enrichment) is done. */
  drained?: () => Promise<void>;
  /** Closes the server before the process exits (cleanly, so --cpu-prof writes its profiles). */
  close?: () => Promise<void>;
}

export function reportWhenAsked(ready: { port: number }, reporting: Reporting = {}): void {
  // monotonicMicros: the clock a --cpu-prof profile's timestamps are on, to find the window in it.
  const stats = () => ({ usage: process.cpuUsage(), monotonicMicros: Number(process.hrtime.bigint() / 1000n), ...reporting.counters?.() });
  process.send!({ type: 'ready', ...ready });
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') process.send!({ type: 'stats', ...stats() });
    if (message.type === 'drain') {
      const started = performance.now();
      void (reporting.drained?.() ?? Promise.resolve()).then(() => process.send!({ type: 'drain', drainMs: performance.now() - started, ...stats() }));
    }
    if (message.type === 'stop') void (reporting.close?.() ?? Promise.resolve()).finally(() => process.exit(0));
  });
}
