// The rules a trigger holds a handler to, read from the catalogue's delivery contract: the
// provider's deadline (or Hookscope's own when it documents none), the answer it requires, its
// retry schedule and, for Adobe, the error block. `--contract none` keeps only "any 2xx".
import type { TriggerContractMode } from '../../contract/index.js';
import type { DeliveryContract, ProviderEntry } from '../providers/index.js';

/** How long Hookscope waits when the provider documents no deadline (a generous, common sender timeout). */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface Rules {
  mode: TriggerContractMode;
  providerName: string;
  /** The documented deadline; null when there is none (timeoutMs is then Hookscope's own). */
  deadlineMs: number | null;
  timeoutMs: number;
  ack: DeliveryContract['ack'];
  /** Waits before each retry; empty: no retry is sent. */
  delaysMs: readonly number[];
  /** The provider's retry behaviour in words, for the verdict when there is no schedule to replay. */
  retries: string;
  scheduleSource: string | null;
  recovery: string | null;
  stopHeader: { name: string; value: string } | null;
  errorBlock: DeliveryContract['errorBlock'] | null;
}

export function rulesFor(entry: ProviderEntry, mode: TriggerContractMode): Rules {
  const d = entry.delivery;
  if (mode === 'none') {
    return {
      mode,
      providerName: entry.name,
      deadlineMs: null,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      ack: { status: '2xx' },
      delaysMs: [],
      retries: 'no retries (--contract none)',
      scheduleSource: null,
      recovery: null,
      stopHeader: null,
      errorBlock: null,
    };
  }
  return {
    mode,
    providerName: entry.name,
    deadlineMs: d.deadlineMs,
    timeoutMs: d.deadlineMs ?? DEFAULT_TIMEOUT_MS,
    ack: d.ack,
    delaysMs: d.retrySchedule?.delaysMs ?? [],
    retries: d.retries,
    scheduleSource: d.retrySchedule?.source ?? null,
    recovery: d.retrySchedule?.recovery ?? null,
    stopHeader: d.retrySchedule?.stopHeader ?? null,
    errorBlock: d.errorBlock ?? null,
  };
}

/** A duration for people: 850 ms, 5 s, 6.2 s, 5 min, 2 h. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 1 : 0))} s`;
  if (ms < 3_600_000) return `${Number((ms / 60_000).toFixed(1))} min`;
  return `${Number((ms / 3_600_000).toFixed(1))} h`;
}

export function ackText(ack: DeliveryContract['ack']): string {
  const status = ack.status === '2xx' ? 'any 2xx' : String(ack.status);
  return ack.json ? `${status} with the JSON body ${JSON.stringify(ack.json)}` : status;
}

export function describeContract(entry: ProviderEntry): { deadline: string; ack: string; retries: string } {
  const d = entry.delivery;
  const schedule = d.retrySchedule;
  const retries =
    schedule && schedule.delaysMs.length > 0
      ? `${schedule.delaysMs.length} retries: ${schedule.delaysMs.map((ms) => (ms === 0 ? 'at once' : `after ${duration(ms)}`)).join(', ')}`
      : d.retries;
  return {
    deadline: d.deadlineMs === null ? `not documented (Hookscope waits ${duration(DEFAULT_TIMEOUT_MS)})` : duration(d.deadlineMs),
    ack: ackText(d.ack),
    retries,
  };
}
