// Moves most of SQLite's WAL checkpointing off the capture thread. By default the connection that
// commits also checkpoints, inside the commit, once the log passes 1,000 pages: it copies them into
// the database file and syncs both files, and every sender waiting meanwhile waits for the disk
// (at a steady 1,000 deliveries/s that put the capture path's p99 ~6-12 ms above a bare server's;
// without those checkpoints, 1-3 ms; docs/benchmarks.md). Here a thread of its own copies the log
// with PASSIVE checkpoints every second, and the committing connection checkpoints
// only past a much larger log. It still must sometimes: a passive checkpoint cannot finish while
// commits keep appending, and only a complete one lets the log start over, so without it the log
// would grow for as long as traffic lasts. When it does, most pages are already copied.
import { Worker } from 'node:worker_threads';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SqliteDatabase } from './database.js';

export interface CheckpointerOptions {
  /** How often the thread checkpoints. */
  intervalMs?: number;
  /** The committing connection's own checkpoint threshold, in pages (SQLite's default is 1,000). */
  writerThresholdPages?: number;
}

const SQLITE_DEFAULT_THRESHOLD = 1000;
/**
 * Under steady traffic the thread's passive checkpoints never complete (a commit lands while each
 * one runs), so the log only starts over once the committing connection checkpoints itself, in a
 * commit, with two fsyncs: at 1,000 deliveries/s a lone delivery per commit writes ~25 KiB of log
 * (whole pages), and at 16,000 pages that came every 2-3 s, a 10-25 ms stall for every sender
 * waiting meanwhile. At 64,000 pages (256 MiB of log at most) it comes a quarter as often; the open
 * loop's p99 at 1,000/s fell from 9-10 ms to 7-7.7 ms (docs/benchmarks.md).
 */
const WRITER_THRESHOLD_PAGES = 64 * SQLITE_DEFAULT_THRESHOLD;
const WAL_KEPT_BYTES = 64 * 1024 * 1024;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;

  constructor(
    private readonly db: SqliteDatabase,
    file: string,
    options: CheckpointerOptions = {},
  ) {
    const self = fileURLToPath(import.meta.url);
    this.worker = new Worker(fileURLToPath(new URL(`./checkpoint-worker${extname(self)}`, import.meta.url)), {
      workerData: { file, intervalMs: options.intervalMs ?? 1000 },
    });
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    db.pragma(`wal_autocheckpoint = ${options.writerThresholdPages ?? WRITER_THRESHOLD_PAGES}`);
    // A log that grew during a long burst is cut back to this size once it starts over.
    db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
    // A thread that could not start or died: the writer checkpoints as SQLite does by default.
    const fallBack = () => {
      if (!this.stopping && this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_THRESHOLD}`);
    };
    this.worker.on('error', fallBack);
    this.worker.on('exit', fallBack);
  }

  /** Stops the thread (before the database closes: closing checkpoints what is left). */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    // Unreferenced so it never holds a process open; waited for, it must keep this one alive.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
