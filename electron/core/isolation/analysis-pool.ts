// Where untrusted bytes are parsed: a pool of worker threads (piscina), never the thread that
// captures. Each task runs with a time budget (the clock starts when a thread takes it — not while
// it waits for one, nor while a replacement thread starts; see task-envelope.ts) and under V8
// memory limits; a task that throws, overruns or kills its thread settles
// as a failure with its reason, the thread is replaced by the pool, and the caller stores the
// failure as data. The listener never waits on any of this.
import { availableParallelism } from 'node:os';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { TaskEnvelope } from './task-envelope.js';

/** How long a thread may take to start before its task is given up. */
const THREAD_START_MS = 30_000;

export type PoolOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface AnalysisPoolOptions {
  /** The worker module (its default export runs each task); default: analysis-worker next to this file. */
  filename?: string;
  /** Threads; default: one less than the cores, at least one, at most four. */
  threads?: number;
  /** V8 heap limit per thread, in MiB. */
  memoryMb?: number;
}

/** The worker next to this module, in the same flavour (.js when built, .ts under tsx in tests). */
function defaultWorkerFile(): string {
  const self = fileURLToPath(import.meta.url);
  return fileURLToPath(new URL(`./analysis-worker${extname(self)}`, import.meta.url));
}

interface Waiting {
  task: unknown;
  budgetMs: number;
  settle: (outcome: PoolOutcome<unknown>) => void;
}

export class AnalysisPool {
  private readonly piscina: Piscina;
  private readonly threads: number;
  private readonly memoryMb: number;
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private closed = false;
  /** Tasks that failed by overrunning, running out of memory or killing their thread (tests, stats). */
  failures = 0;

  constructor(options: AnalysisPoolOptions = {}) {
    this.threads = options.threads ?? Math.max(1, Math.min(4, availableParallelism() - 1));
    this.memoryMb = options.memoryMb ?? 384;
    this.piscina = new Piscina({
      filename: options.filename ?? defaultWorkerFile(),
      minThreads: 1,
      maxThreads: this.threads,
      idleTimeout: 30_000,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    // A thread that dies between tasks is replaced by the pool; nothing to report to anyone.
    this.piscina.on('error', () => {});
  }

  /** Runs `task` on a worker thread within `budgetMs` of a thread taking it. Never rejects. */
  run<T>(task: unknown, budgetMs: number): Promise<PoolOutcome<T>> {
    if (this.closed) return Promise.resolve({ ok: false, reason: 'analysis stopped: Hookscope is closing' });
    return new Promise((settle) => {
      this.waiting.push({ task, budgetMs, settle: settle as Waiting['settle'] });
      this.dispatch();
    });
  }

  /** Tasks waiting for a thread, plus those running. */
  load(): number {
    return this.waiting.length + this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const item of this.waiting.splice(0)) item.settle({ ok: false, reason: 'analysis stopped: Hookscope is closing' });
    await this.piscina.destroy();
  }

  /** Piscina is handed a task only when a thread is free, so a task's budget never counts its wait. */
  private dispatch(): void {
    while (this.running < this.threads && this.waiting.length > 0) {
      const item = this.waiting.shift()!;
      this.running++;
      this.start(item).finally(() => {
        this.running--;
        this.dispatch();
      });
    }
  }

  private async start(item: Waiting): Promise<void> {
    const abort = new AbortController();
    const { port1: started, port2 } = new MessageChannel();
    let began = false;
    let budget: NodeJS.Timeout | undefined;
    // A thread that never starts (it could not load) is given up on too.
    const startup = setTimeout(() => abort.abort(), THREAD_START_MS);
    started.once('message', () => {
      began = true;
      clearTimeout(startup);
      budget = setTimeout(() => abort.abort(), item.budgetMs);
    });
    try {
      const envelope: TaskEnvelope<unknown> = { task: item.task, started: port2 };
      item.settle({ ok: true, value: await this.piscina.run(envelope, { signal: abort.signal, transferList: [port2] }) });
    } catch (error) {
      if (!this.closed) this.failures++;
      item.settle({ ok: false, reason: this.reasonOf(error, abort.signal.aborted, began, item.budgetMs) });
    } finally {
      clearTimeout(startup);
      clearTimeout(budget);
      started.close();
    }
  }

  private reasonOf(error: unknown, timedOut: boolean, began: boolean, budgetMs: number): string {
    if (this.closed) return 'analysis stopped: Hookscope is closing';
    if (timedOut && !began) return `its thread did not start within ${formatMs(THREAD_START_MS)}`;
    if (timedOut) return `it ran past its ${formatMs(budgetMs)} budget and was stopped`;
    const e = error as NodeJS.ErrnoException;
    if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return `it ran out of its ${this.memoryMb} MiB memory budget and was stopped`;
    if (e instanceof RangeError && /call stack/i.test(e.message)) return 'it nested too deep to read';
    return `it failed: ${e?.message ?? String(error)}`;
  }
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
