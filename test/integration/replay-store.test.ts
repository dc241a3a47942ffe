// Migration 3 on a real SQLite file: a version-2 database (with data) upgrades in place; replay
// attempts hang off their delivery with a NOT NULL foreign key and go when it goes.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { describe, it } from 'node:test';
import { makeDataDir } from '../helpers/data-dir.js';
import { startTestCore } from '../helpers/core.js';
import { databaseFileIn } from '../../electron/core/store/paths.js';
import { migrations } from '../../electron/core/store/migrations.js';

describe('store: replay attempts (migration 3)', () => {
  it('upgrades a version-2 database with its deliveries: not imported, no forward rule', async () => {
    const data = await makeDataDir();
    try {
      const old = new Database(databaseFileIn(data.dir));
      old.exec(migrations[0]!);
      old.exec(migrations[1]!);
      old.pragma('user_version = 2');
      old.prepare(`INSERT INTO endpoints (slug, name, built_in, response, created_at) VALUES ('default', 'Default', 1, ?, 0)`).run(
        JSON.stringify({ status: 200, headers: [], body: '', delayMs: 0 }),
      );
      const { lastInsertRowid } = old
        .prepare(`INSERT INTO deliveries (endpoint_id, received_at, method, url, http_version, raw_headers, body_size, body_sha256,
          response_status, response_headers, response_body) VALUES (1, 0, 'POST', '/old', '1.1', '[]', 3, 'x', 200, '[]', '')`)
        .run();
      old.prepare('INSERT INTO delivery_bodies (delivery_id, body) VALUES (?, ?)').run(lastInsertRowid, Buffer.from('old'));
      old.close();

      const t = await startTestCore({}, data.dir);
      try {
        const [summary] = t.core.api['deliveries.list']({ limit: 10 }).deliveries;
        assert.equal(summary?.path, '/old');
        assert.equal(summary?.imported, false);
        assert.equal(t.core.api['endpoints.list']().endpoints[0]?.forward, null);
        assert.deepEqual(t.core.api['replay.list']({ id: summary!.id, limit: 10 }), { attempts: [], nextBefore: null });
      } finally {
        await t.core.close();
      }
      const upgraded = new Database(databaseFileIn(data.dir), { readonly: true });
      try {
        assert.equal(upgraded.pragma('user_version', { simple: true }), migrations.length);
        const column = (upgraded.prepare("SELECT * FROM pragma_table_info('replay_attempts') WHERE name = 'delivery_id'").get() as { notnull: number });
        assert.equal(column.notnull, 1);
        const fk = upgraded.prepare("SELECT * FROM pragma_foreign_key_list('replay_attempts')").get() as { table: string; on_delete: string };
        assert.deepEqual({ table: fk.table, onDelete: fk.on_delete }, { table: 'deliveries', onDelete: 'CASCADE' });
      } finally {
        upgraded.close();
      }
    } finally {
      await data.remove();
    }
  });

  it('refuses an attempt without a delivery', async () => {
    const t = await startTestCore();
    try {
      const db = new Database(databaseFileIn(t.dataDir));
      db.pragma('foreign_keys = ON');
      assert.throws(
        () =>
          db.prepare(`INSERT INTO replay_attempts (delivery_id, trigger, mode, target, started_at, duration_ms, request_method, request_url,
            request_headers, request_body_size, request_body_sha256) VALUES (999, 'manual', 'as-is', 'http://x', 0, 0, 'GET', 'http://x', '[]', 0, '')`).run(),
        /FOREIGN KEY/,
      );
      db.close();
    } finally {
      await t.stop();
    }
  });
});
