// "Store, then answer" when the disk is full: a real `serve` process on a small tmpfs that fills
// up. Senders get 503 + Retry-After and nothing is claimed as received; API writes get 503 +
// Retry-After too; once space is freed both recover without a restart. Needs root for the tmpfs
// (CI runs as root); elsewhere the test says why it skips.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { databaseFileIn } from '../../electron/core/store/paths.js';
import { fillDisk, integrityCheck, mountSmallDisk, storedDeliveries, type SmallDisk } from '../helpers/faults.js';
import { controlClient, send } from '../helpers/http.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';

const disk = mountSmallDisk(24 * 1024 * 1024);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('fault: disk full', { skip: typeof disk === 'string' ? disk : false }, () => {
  const { dataDir, unmount } = disk as SmallDisk;
  let serve: ServeProcess;
  let api: ReturnType<typeof controlClient>;
  before(async () => {
    serve = await startServe(dataDir);
    api = controlClient(serve.uiUrl, serve.token);
  });
  after(async () => {
    await serve?.stop();
    unmount();
  });

  it('answers senders and API writes 503 + Retry-After while full, keeps nothing, and recovers without a restart', async () => {
    assert.equal((await api.post('/api/endpoints', { slug: 'full' })).status, 201);
    const before = await send(`${serve.captureUrl}/full/before`, { body: 'before the disk filled' });
    assert.equal(before.status, 200);

    const filler = fillDisk(dataDir);
    // Each delivery needs new WAL pages, which a full tmpfs cannot give.
    const refusedBodies = [randomBytes(1024 * 1024), randomBytes(64 * 1024), Buffer.from('small')];
    for (const [i, body] of refusedBodies.entries()) {
      const res = await send(`${serve.captureUrl}/full/while-full-${i}`, { body });
      assert.equal(res.status, 503, `delivery ${i} (${body.length} bytes): ${res.body.toString()}`);
      assert.equal(res.headers['retry-after'], '1');
      assert.equal((JSON.parse(res.body.toString()) as { error: { code: string } }).error.code, 'store_unavailable');
    }
    const create = await api.call('POST', '/api/endpoints', { slug: 'while-full' });
    assert.equal(create.status, 503, JSON.stringify(create.json));
    const patch = await fetch(new URL('/api/settings', serve.uiUrl), {
      method: 'PATCH',
      headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ publicUrl: 'https://hooks.example.com' }),
    });
    assert.equal(patch.status, 503, await patch.text());
    assert.equal(patch.headers.get('retry-after'), '1');
    assert.equal(serve.child.exitCode, null, 'serve is still up');
    // Reads still work while full, and show nothing that was refused.
    const listed = await api.get<{ deliveries: { path: string }[] }>('/api/deliveries?limit=50');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.json.deliveries.map((d) => d.path), ['/full/before']);

    rmSync(filler);
    const recovered = randomBytes(1024 * 1024);
    const after = await send(`${serve.captureUrl}/full/after`, { body: recovered });
    assert.equal(after.status, 200, after.body.toString());
    assert.equal((await api.post('/api/endpoints', { slug: 'after-full' })).status, 201);
    assert.equal((await api.patch('/api/settings', { publicUrl: 'https://hooks.example.com' })).status, 200);

    assert.equal(await serve.stop(), 0, 'serve closes cleanly');
    const dbFile = databaseFileIn(dataDir);
    assert.equal(integrityCheck(dbFile), 'ok');
    const rows = storedDeliveries(dbFile);
    assert.deepEqual(rows.map((r) => r.url).sort(), ['/full/after', '/full/before']);
    assert.equal(rows.find((r) => r.url === '/full/after')!.bodySha256, sha(recovered), 'stored byte-exact');
    assert.ok(statSync(dbFile).size > 1024 * 1024);
  });
});
