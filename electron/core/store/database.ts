// Opens the SQLite file the way its author recommends for an app: WAL (readers never block the
// writer), foreign keys on, NORMAL sync (durable across app crashes; WAL keeps it consistent across
// power loss), migrations on user_version inside one transaction. The file holds every captured
// payload, so it is private to this user: folder 0700, database and its -wal/-shm 0600.
import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { ensurePrivateDir, tightenIfOurs } from './paths.js';
import { migrations } from './migrations.js';

export type SqliteDatabase = Database.Database;

export interface OpenOptions {
  /**
   * How long one statement may wait for another connection's lock. better-sqlite3 waits
   * synchronously, blocking the event loop, so keep it short: the capture path retries a busy
   * commit asynchronously instead (see capture/group-commit.ts).
   */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, options: OpenOptions = {}): SqliteDatabase {
  ensurePrivateDir(dirname(file));
  // SQLite creates -wal and -shm with the database file's own mode, so creating the file 0600
  // first is enough for new ones (no process-wide umask, which workers cannot change anyway).
  closeSync(openSync(file, 'a', 0o600));
  const db = new Database(file, { timeout: options.busyTimeoutMs ?? 20 });
  db.pragma('journal_mode = WAL');
  // Files an older Hookscope made 0644 (and their -wal/-shm, which follow the database's mode).
  for (const suffix of ['', '-wal', '-shm']) tightenIfOurs(file + suffix);
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

export function migrate(db: SqliteDatabase): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `database schema version ${current} is newer than this Hookscope (${migrations.length}); upgrade Hookscope`,
    );
  }
  db.transaction(() => {
    for (let version = current; version < migrations.length; version++) {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    }
  })();
}
