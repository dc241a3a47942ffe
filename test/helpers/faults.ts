// Faults for the fault-injection tests, made with real parts: a small tmpfs that fills up, a
// second process that holds the database's write lock, and reads of the SQLite file as it lies on
// disk (after a crash, before anything repairs it).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SmallDisk {
  /** A data folder (with a space in its name) on the small file system. */
  dataDir: string;
  unmount(): void;
}

/** A tmpfs of `sizeBytes` (needs root), or the reason there is none. */
export function mountSmallDisk(sizeBytes: number): SmallDisk | string {
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  const mountPoint = mkdtempSync(join(tmpdir(), 'hookscope-full-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', mountPoint], { encoding: 'utf8' });
  if (mounted.status !== 0) {
    rmSync(mountPoint, { recursive: true, force: true });
    return `mount -t tmpfs failed: ${mounted.stderr.trim() || mounted.error?.message}`;
  }
  const dataDir = join(mountPoint, 'hook scope');
  mkdirSync(dataDir);
  return {
    dataDir,
    unmount() {
      spawnSync('umount', ['-l', mountPoint]);
      rmSync(mountPoint, { recursive: true, force: true });
    },
  };
}

/** Writes a file in `dir` until the file system says ENOSPC; returns its path (delete it to free the space). */
export function fillDisk(dir: string): string {
  const file = join(dir, 'filler.bin');
  const fd = openSync(file, 'w');
  try {
    // Big writes first, then ever smaller ones, so not one free byte is left.
    for (const size of [1 << 20, 64 << 10, 4 << 10, 512, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      for (let i = 0; i < 1 << 20; i++) {
        try {
          if (writeSync(fd, chunk) < size) break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

export interface LockHolder {
  child: ChildProcess;
  release(): Promise<void>;
}

/** Another OS process that opens the database and holds `BEGIN EXCLUSIVE` until released. */
export async function holdExclusiveLock(dbFile: string): Promise<LockHolder> {
  const script = `
    import Database from 'better-sqlite3';
    import { createInterface } from 'node:readline';
    const db = new Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    console.log('locked');
    createInterface({ input: process.stdin }).once('line', () => {
      db.exec('COMMIT');
      db.close();
      console.log('released');
      process.exit(0);
    });
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, dbFile], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const deadline = Date.now() + 10_000;
  while (!out.includes('locked')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the lock holder did not lock: ${out}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    child,
    async release() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin!.write('release\n');
      await exited;
    },
  };
}

/** `PRAGMA integrity_check` of the file as it is (opening it replays the WAL, as a restart does). */
export function integrityCheck(dbFile: string): string {
  const db = new Database(dbFile);
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

export interface StoredRow {
  id: number;
  url: string;
  bodySha256: string;
  rejected: string | null;
  responseStatus: number;
}

/** Every delivery in the file, with the sha-256 of its stored body bytes (recomputed, not the stored hash). */
export function storedDeliveries(dbFile: string): StoredRow[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare<[], { id: number; url: string; body: Buffer; rejected: string | null; response_status: number }>(
        'SELECT d.id, d.url, b.body, d.rejected, d.response_status FROM deliveries d JOIN delivery_bodies b ON b.delivery_id = d.id',
      )
      .all();
    return rows.map((r) => ({
      id: r.id,
      url: r.url,
      bodySha256: createHash('sha256').update(r.body).digest('hex'),
      rejected: r.rejected,
      responseStatus: r.response_status,
    }));
  } finally {
    db.close();
  }
}
