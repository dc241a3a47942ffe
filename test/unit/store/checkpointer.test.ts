// The checkpoint thread copies the write-ahead log into the database file on its own connection,
// so the committing (capture) thread does not have to: with the writer's own checkpoints pushed out
// of reach, the database file still fills while commits keep coming, and stopping the thread
// leaves a database that closes and reopens whole.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Checkpointer } from '../../../electron/core/store/checkpointer.js';
import { openDatabase, type SqliteDatabase } from '../../../electron/core/store/database.js';
import { makeDataDir } from '../../helpers/data-dir.js';

describe('checkpointer', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let file: string;
  let db: SqliteDatabase;
  beforeEach(async () => {
    data = await makeDataDir();
    file = join(data.dir, 'hookscope.db');
    db = openDatabase(file);
    db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB NOT NULL)');
  });
  afterEach(async () => {
    if (db.open) db.close();
    await data.remove();
  });

  const write = (rows: number) => {
    const insert = db.prepare('INSERT INTO blobs (b) VALUES (?)');
    for (let i = 0; i < rows; i += 50) db.transaction(() => { for (let j = 0; j < 50; j++) insert.run(Buffer.alloc(2048, i + j)); })();
  };
  const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const dbBytes = () => statSync(file).size;

  it('copies the log into the database file from its own thread while the writer never checkpoints', async () => {
    const checkpointer = new Checkpointer(db, file, { intervalMs: 20, writerThresholdPages: 1_000_000 });
    const before = dbBytes();
    write(2000); // ~4 MB, more than SQLite's default 1,000-page threshold
    await settle(300);
    const after = dbBytes();
    await checkpointer.stop();
    assert.ok(after > before + 3 * 1024 * 1024, `the database file grew from ${before} to ${after} bytes`);
    db.close();
    const reopened = openDatabase(file);
    assert.equal((reopened.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n, 2000);
    reopened.close();
  });

  it('without it (the same writer threshold), the database file stays as it was: the copy above is the thread\'s', async () => {
    db.pragma('wal_autocheckpoint = 1000000');
    const before = dbBytes();
    write(2000);
    await settle(300);
    assert.ok(dbBytes() < before + 1024 * 1024, `the database file stayed at ${dbBytes()} bytes`);
  });
});
