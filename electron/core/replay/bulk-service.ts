// Bulk replay: a selection sent in received order (ascending id) by a pool of `concurrency`
// workers, starting at most `ratePerSecond` requests a second, each one a stored attempt with
// trigger `bulk`. Jobs live in memory (a job is an action, its attempts are the record) and report
// through `bulk.progressed`, throttled, plus a final report when finished or cancelled.
import { randomUUID } from 'node:crypto';
import { ApiError, type BulkJob, type ReplayMode } from '../../contract/index.js';
import type { CoreEvents } from '../events/core-events.js';
import type { ReplayService } from './replay-service.js';

export interface BulkRequest {
  ids: number[];
  target?: string;
  mode: Exclude<ReplayMode, 'edited'>;
  appendPath: boolean;
  concurrency: number;
  ratePerSecond: number | null;
  timeoutMs: number;
}

export interface BulkServiceDeps {
  replay: ReplayService;
  events: CoreEvents;
  now: () => number;
}

const PROGRESS_INTERVAL_MS = 100;
const FINISHED_JOBS_KEPT = 50;

interface Running {
  job: BulkJob;
  controller: AbortController;
  lastReport: number;
  reportTimer: NodeJS.Timeout | undefined;
  done: Promise<void>;
}

export class BulkService {
  private readonly jobs = new Map<string, Running>();

  constructor(private readonly deps: BulkServiceDeps) {}

  start(request: BulkRequest): BulkJob {
    const ids = [...new Set(request.ids)].sort((a, b) => a - b);
    const job: BulkJob = {
      id: randomUUID(),
      state: 'running',
      target: request.target ?? null,
      mode: request.mode,
      concurrency: request.concurrency,
      ratePerSecond: request.ratePerSecond,
      total: ids.length,
      done: 0,
      ok: 0,
      failed: 0,
      cancelled: 0,
      outcomes: {},
      startedAt: new Date(this.deps.now()).toISOString(),
      finishedAt: null,
    };
    const running: Running = { job, controller: new AbortController(), lastReport: 0, reportTimer: undefined, done: Promise.resolve() };
    this.jobs.set(job.id, running);
    running.done = this.run(running, ids, request);
    this.forgetOldJobs();
    return { ...job, outcomes: { ...job.outcomes } };
  }

  status(id: string): BulkJob {
    const running = this.jobs.get(id);
    if (!running) throw new ApiError('not_found', `no bulk job ${id}`);
    return snapshot(running.job);
  }

  cancel(id: string): BulkJob {
    const running = this.jobs.get(id);
    if (!running) throw new ApiError('not_found', `no bulk job ${id}`);
    if (running.job.state === 'running') {
      running.job.state = 'cancelled';
      running.controller.abort();
    }
    return snapshot(running.job);
  }

  private async run(running: Running, ids: number[], request: BulkRequest): Promise<void> {
    const { job, controller } = running;
    const signal = controller.signal;
    const interval = request.ratePerSecond === null ? 0 : 1000 / request.ratePerSecond;
    const startedAt = performance.now();
    let next = 0;
    const count = (bucket: 'ok' | 'failed' | 'cancelled', outcome?: string) => {
      job[bucket]++;
      job.done++;
      if (outcome !== undefined) job.outcomes[outcome] = (job.outcomes[outcome] ?? 0) + 1;
      this.report(running);
    };
    const worker = async () => {
      while (next < ids.length && !signal.aborted) {
        const index = next++;
        const id = ids[index]!;
        if (interval > 0) await sleep(startedAt + index * interval - performance.now(), signal);
        if (signal.aborted) break;
        try {
          const prepared = this.deps.replay.prepare(id, { target: request.target, mode: request.mode, appendPath: request.appendPath });
          const { outcome } = await this.deps.replay.execute(prepared, { trigger: 'bulk', bulkId: job.id, timeoutMs: request.timeoutMs, signal });
          if (outcome.error?.code === 'cancelled') count('cancelled');
          else if (outcome.error) count('failed', outcome.error.code);
          else count(outcome.response!.status >= 200 && outcome.response!.status < 300 ? 'ok' : 'failed', String(outcome.response!.status));
        } catch (error) {
          // The delivery was deleted, or has no target, or cannot be signed: a failure of this item only.
          count('failed', error instanceof ApiError ? error.code : 'internal');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(request.concurrency, Math.max(ids.length, 1)) }, worker));
    const unsent = job.total - job.done;
    job.cancelled += unsent;
    job.done += unsent;
    if (job.state === 'running') job.state = 'completed';
    job.finishedAt = new Date(this.deps.now()).toISOString();
    clearTimeout(running.reportTimer);
    this.deps.events.emit('bulk.progressed', snapshot(job));
  }

  /** At most one report per interval while running; the final one is always sent by run(). */
  private report(running: Running): void {
    if (running.reportTimer) return;
    const wait = running.lastReport + PROGRESS_INTERVAL_MS - performance.now();
    const send = () => {
      running.reportTimer = undefined;
      running.lastReport = performance.now();
      if (running.job.finishedAt === null) this.deps.events.emit('bulk.progressed', snapshot(running.job));
    };
    if (wait <= 0) send();
    else running.reportTimer = setTimeout(send, wait);
  }

  private forgetOldJobs(): void {
    const finished = [...this.jobs.values()].filter((r) => r.job.finishedAt !== null);
    for (const r of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.jobs.delete(r.job.id);
  }

  /** Cancels every running job and waits (bounded) for them to wind down. */
  async close(): Promise<void> {
    const running = [...this.jobs.values()].filter((r) => r.job.state === 'running');
    for (const r of running) this.cancel(r.job.id);
    await Promise.race([Promise.all(running.map((r) => r.done)), new Promise((resolve) => setTimeout(resolve, 2_500).unref())]);
  }
}

function snapshot(job: BulkJob): BulkJob {
  return { ...job, outcomes: { ...job.outcomes } };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
