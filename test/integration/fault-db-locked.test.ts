// "Store, then answer" while another OS process holds the database's write lock (a backup tool,
// a second Hookscope, sqlite3 in a shell): a real `serve` process answers senders and API writes
// 503 + Retry-After, keeps serving reads, and recovers without a restart once the lock goes.
// (store.test.ts covers the sender's side against a lock held in-process, and the wait that ends
// in time; this adds another process and the API.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { databaseFileIn } from '../../electron/core/store/paths.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { holdExclusiveLock, integrityCheck, storedDeliveries } from '../helpers/faults.js';
import { controlClient, send } from '../helpers/http.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

describe('fault: database locked by another process', () => {
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let serve: ServeProcess;
  let api: ReturnType<typeof controlClient>;
  before(async () => {
    data = await makeDataDir();
    serve = await startServe(data.dir);
    api = controlClient(serve.uiUrl, serve.token);
  });
  after(async () => {
    await serve?.stop();
    await data.remove();
  });

  it('answers senders and API writes 503 + Retry-After, serves reads, and recovers without a restart', async () => {
    assert.equal((await send(`${serve.captureUrl}/before-lock`, { body: 'before' })).status, 200);
    const dbFile = databaseFileIn(data.dir);
    const lock = await holdExclusiveLock(dbFile);
    try {
      const refused = await Promise.all([1, 2, 3].map((i) => send(`${serve.captureUrl}/while-locked-${i}`, { body: `locked ${i}` })));
      for (const res of refused) {
        assert.equal(res.status, 503, res.body.toString());
        assert.equal(res.headers['retry-after'], '1');
        assert.match(res.body.toString(), /store_unavailable/);
      }
      const writes = [
        ['POST', '/api/endpoints', { slug: 'while-locked' }],
        ['PATCH', '/api/settings', { publicUrl: 'https://hooks.example.com' }],
        ['PATCH', '/api/endpoints/default', { name: 'Renamed while locked' }],
      ] as const;
      for (const [verb, path, body] of writes) {
        const res = await fetch(new URL(path, serve.uiUrl), {
          method: verb,
          headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        assert.equal(res.status, 503, `${verb} ${path}: ${await res.text()}`);
        assert.equal(res.headers.get('retry-after'), '1', `${verb} ${path}`);
      }
      const read = await api.get<{ deliveries: { path: string }[] }>('/api/deliveries?limit=10');
      assert.equal(read.status, 200, 'reads go on under a write lock (WAL)');
      assert.deepEqual(read.json.deliveries.map((d) => d.path), ['/before-lock']);
      assert.equal(serve.child.exitCode, null, 'serve is still up');
    } finally {
      await lock.release();
    }

    assert.equal((await send(`${serve.captureUrl}/after-lock`, { body: 'after' })).status, 200);
    assert.equal((await api.post('/api/endpoints', { slug: 'after-lock' })).status, 201);
    assert.equal((await api.patch('/api/settings', { publicUrl: 'https://hooks.example.com' })).status, 200);
    const endpoints = await api.get<{ endpoints: { slug: string; name: string }[] }>('/api/endpoints');
    assert.ok(!endpoints.json.endpoints.some((e) => e.slug === 'while-locked'), 'the refused create left nothing');
    assert.notEqual(endpoints.json.endpoints.find((e) => e.slug === 'default')?.name, 'Renamed while locked');

    assert.equal(await serve.stop(), 0);
    assert.equal(integrityCheck(dbFile), 'ok');
    assert.deepEqual(storedDeliveries(dbFile).map((r) => r.url).sort(), ['/after-lock', '/before-lock']);
  });
});
