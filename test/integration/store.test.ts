// The SQLite store under the capture path: locks, restarts, migrations, retention, deletion.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, it } from 'node:test';
import { send } from '../helpers/http.js';
import { startTestCore } from '../helpers/core.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { databaseFileIn } from '../../electron/core/store/paths.js';
import { migrations } from '../../electron/core/store/migrations.js';
import { openDatabase } from '../../electron/core/store/database.js';

describe('store', () => {
  it('answers 503 with Retry-After while another connection locks the database, stores nothing, and recovers', async () => {
    const t = await startTestCore({ groupCommit: { busyDeadlineMs: 300, busyRetryMs: 20 } });
    const locker = new Database(databaseFileIn(t.dataDir));
    try {
      locker.exec('BEGIN EXCLUSIVE');
      const locked = await send(`${t.captureUrl}/while-locked`, { body: 'during lock' });
      assert.equal(locked.status, 503);
      assert.equal(locked.headers['retry-after'], '1');
      assert.equal((JSON.parse(locked.body.toString()) as { error: { code: string } }).error.code, 'store_unavailable');

      // A request that arrives during the lock and finds it released before its deadline is stored.
      const pending = send(`${t.captureUrl}/released-in-time`, { body: 'waited' });
      await new Promise((r) => setTimeout(r, 100));
      locker.exec('COMMIT');
      assert.equal((await pending).status, 200);

      const after = await send(`${t.captureUrl}/after-lock`, { body: 'after' });
      assert.equal(after.status, 200);
      const paths = t.core.api['deliveries.list']({ limit: 10 }).deliveries.map((d) => d.path);
      assert.deepEqual(paths, ['/after-lock', '/released-in-time'], 'the 503 delivery was not stored; the others were');
    } finally {
      locker.close();
      await t.stop();
    }
  });

  it('keeps history across a restart', async () => {
    const data = await makeDataDir();
    try {
      const first = await startTestCore({}, data.dir);
      first.core.api['endpoints.create']({ slug: 'shipping', name: 'GoShiip' });
      await send(`${first.captureUrl}/shipping/hook`, { body: '{"status":"Delivered"}' });
      await first.core.close();

      const second = await startTestCore({}, data.dir);
      const [d] = second.core.api['deliveries.list']({ limit: 10 }).deliveries;
      assert.equal(d?.endpoint, 'shipping');
      assert.equal(Buffer.from(second.core.api['deliveries.get']({ id: d!.id }).body, 'base64').toString(), '{"status":"Delivered"}');
      assert.equal(second.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'shipping')?.name, 'GoShiip');
      await second.core.close();
    } finally {
      await data.remove();
    }
  });

  it('migrates on user_version, in WAL mode with foreign keys on', async () => {
    const data = await makeDataDir();
    try {
      const db = openDatabase(databaseFileIn(data.dir));
      assert.equal(db.pragma('user_version', { simple: true }), migrations.length);
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
      db.close();
      // Opening again applies nothing twice.
      openDatabase(databaseFileIn(data.dir)).close();
      const future = new Database(databaseFileIn(data.dir));
      future.pragma(`user_version = ${migrations.length + 1}`);
      future.close();
      assert.throws(() => openDatabase(databaseFileIn(data.dir)), /newer than this Hookscope/);
    } finally {
      await data.remove();
    }
  });

  it('deletes nothing by default; retention prunes by count and age only when set', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const t = await startTestCore({ now: () => clock });
    try {
      assert.deepEqual(t.core.api['settings.get']().retention, { maxCount: null, maxAgeDays: null });
      for (let i = 0; i < 5; i++) {
        await send(`${t.captureUrl}/r${i}`, { body: String(i) });
        clock += 86_400_000; // one day apart
      }
      assert.equal(t.core.api['deliveries.list']({ limit: 100 }).deliveries.length, 5);

      t.core.api['settings.update']({ retention: { maxAgeDays: 3 } });
      // now = day 5; deliveries from days 0 and 1 are older than 3 days
      assert.deepEqual(
        t.core.api['deliveries.list']({ limit: 100 }).deliveries.map((d) => d.path),
        ['/r4', '/r3', '/r2'],
      );
      t.core.api['settings.update']({ retention: { maxCount: 1 } });
      assert.deepEqual(t.core.api['deliveries.list']({ limit: 100 }).deliveries.map((d) => d.path), ['/r4']);
      assert.deepEqual(t.core.api['settings.get']().retention, { maxCount: 1, maxAgeDays: 3 });
    } finally {
      await t.stop();
    }
  });

  it('deletes one delivery, an endpoint\'s deliveries, or an endpoint with its deliveries, on request', async () => {
    const t = await startTestCore();
    try {
      t.core.api['endpoints.create']({ slug: 'a' });
      t.core.api['endpoints.create']({ slug: 'b' });
      for (const path of ['/a/1', '/a/2', '/b/1', '/other']) await send(`${t.captureUrl}${path}`, { body: path });
      const all = () => t.core.api['deliveries.list']({ limit: 100 }).deliveries;
      const first = all().find((d) => d.path === '/a/1')!;
      assert.deepEqual(t.core.api['deliveries.delete']({ id: first.id }), { deleted: 1 });
      assert.throws(() => t.core.api['deliveries.get']({ id: first.id }), /no delivery/);
      assert.deepEqual(t.core.api['deliveries.clear']({ endpoint: 'a' }), { deleted: 1 });
      assert.deepEqual(all().map((d) => d.path), ['/other', '/b/1']);
      t.core.api['endpoints.delete']({ slug: 'b' });
      assert.deepEqual(all().map((d) => d.path), ['/other']);
      assert.throws(() => t.core.api['endpoints.delete']({ slug: 'default' }), /cannot be deleted/);
      // A deleted endpoint's path now belongs to default.
      await send(`${t.captureUrl}/b/again`, { body: 'x' });
      assert.equal(all()[0]?.endpoint, 'default');
    } finally {
      await t.stop();
    }
  });

  it('pages newest first with keyset paging', async () => {
    const t = await startTestCore();
    try {
      for (let i = 0; i < 25; i++) await send(`${t.captureUrl}/p${i}`, { body: '' });
      const seen: string[] = [];
      let before: number | undefined;
      for (;;) {
        const page = t.core.api['deliveries.list']({ limit: 10, before });
        seen.push(...page.deliveries.map((d) => d.path));
        if (page.nextBefore === null) break;
        before = page.nextBefore;
      }
      assert.deepEqual(seen, Array.from({ length: 25 }, (_, i) => `/p${24 - i}`));
    } finally {
      await t.stop();
    }
  });
});
