// `hookscope listen --forward-to URL`: the core without a UI, forwarding one endpoint's deliveries
// to a local app and printing one line per delivery with its forward result: the terminal
// counterpart of the app (like `stripe listen --forward-to`). The forward rule applies to this run
// only; nothing is written to the endpoint's settings.
import type { DeliverySummary, ReplayAttemptSummary, VerificationStatus } from '../contract/index.js';
import type { HookscopeCore } from '../core/index.js';

export interface ListenLine {
  summary: DeliverySummary;
  verification: VerificationStatus | null;
  /** The forward attempt; null when this delivery is not forwarded. */
  attempt: ReplayAttemptSummary | null;
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

function clock(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** `10:01:23.456  POST /stripe/hook  1.2 KiB  valid  → 200  12 ms` (time, method, path, size, verification, target status, latency). */
export function formatLine({ summary, verification, attempt }: ListenLine): string {
  const target = summary.query === '' ? summary.path : `${summary.path}?${summary.query}`;
  const parts = [clock(summary.receivedAt), `${summary.method} ${target}`, formatSize(summary.bodySize), verification ?? '…'];
  if (summary.rejected) parts.push(`rejected (${summary.responseStatus}): not forwarded`);
  else if (!attempt) parts.push('→ not forwarded');
  else if (attempt.response) parts.push(`→ ${attempt.response.status}`, `${Math.round(attempt.durationMs)} ms`);
  else parts.push(`→ ${attempt.error?.code ?? 'error'}`, `${Math.round(attempt.durationMs)} ms`, attempt.error?.message ?? '');
  return parts.filter((part) => part !== '').join('  ');
}

/** How long a line waits for the verification once the forward is done, before it prints without it. */
const VERIFICATION_GRACE_MS = 1_000;

/** Prints a line per delivery once its verification and forward result are known. Returns the unsubscribe. */
export function printDeliveries(core: HookscopeCore, forwardedSlug: string, write: (line: string) => void): () => void {
  const pending = new Map<number, ListenLine & { forwarded: boolean; timer?: NodeJS.Timeout }>();
  const flush = (id: number) => {
    const line = pending.get(id);
    if (!line) return;
    const verified = line.verification !== null;
    const forwardDone = !line.forwarded || line.attempt !== null;
    if (!forwardDone) return;
    if (!verified && line.timer === undefined) {
      line.timer = setTimeout(() => {
        pending.delete(id);
        write(formatLine(line));
      }, VERIFICATION_GRACE_MS);
      return;
    }
    if (!verified) return;
    clearTimeout(line.timer);
    pending.delete(id);
    write(formatLine(line));
  };
  return core.events.subscribe(({ event, data }) => {
    if (event === 'delivery.stored') {
      const summary = data as DeliverySummary;
      if (summary.imported) return;
      const forwarded = summary.endpoint === forwardedSlug && summary.rejected === null;
      pending.set(summary.id, { summary, verification: summary.verification, attempt: null, forwarded });
    } else if (event === 'delivery.updated') {
      const summary = data as DeliverySummary;
      const line = pending.get(summary.id);
      if (!line || summary.verification === null) return;
      line.verification = summary.verification;
      flush(summary.id);
    } else if (event === 'replay.completed') {
      const attempt = data as ReplayAttemptSummary;
      const line = pending.get(attempt.deliveryId);
      if (!line || attempt.trigger !== 'forward') return;
      line.attempt = attempt;
      flush(attempt.deliveryId);
    }
  });
}
