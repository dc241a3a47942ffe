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
    db.pragma(`wal_autocheckpoint = ${options.writerThresholdPages ?? 16 * SQLITE_DEFAULT_THRESHOLD}`);
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
