// The checkpoint thread (see checkpointer.ts): its own connection to the database, copying the
// write-ahead log into the database file every second with PASSIVE checkpoints,
// which never wait for, or block, the capture thread's writes.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const { file, intervalMs } = workerData as { file: string; intervalMs: number };
// No busy wait: a checkpoint that cannot start now is tried again next round.
const db = new Database(file, { timeout: 0, fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // SQLITE_BUSY (another checkpoint runs) or an I/O error (disk full): the writer's own
    // checkpoints still run, and the next round tries again.
  }
}, intervalMs);
parentPort!.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort!.close();
});
