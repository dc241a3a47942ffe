// Team mode's changes that are not captures, on a real PostgreSQL: an endpoint changed while
// PostgreSQL is away reaches the team after the node restarted; deleting a delivery, clearing an
// endpoint or deleting a shared endpoint on one node deletes for the team (tombstones, also applied
// by a node that was away); retention's count limit is applied to PostgreSQL.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseArgs, type DeliverySummary } from '../../electron/contract/index.js';
import { AesGcmSecretBox } from '../../electron/core/secrets/secret-box.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { send } from '../helpers/http.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { until } from '../helpers/until.js';

const skip = postgresUnavailable();

const list = (node: TestCore, endpoint?: string) => node.core.api['deliveries.list'](parseArgs('deliveries.list', { endpoint, limit: 1000 })).deliveries as DeliverySummary[];
const endpoint = (node: TestCore, slug: string) => node.core.api['endpoints.list']().endpoints.find((e) => e.slug === slug);

describe('team mode: changes and deletions on one PostgreSQL', { skip: skip ?? false }, () => {
  let postgres: TestPostgres;
  let a: TestCore;
  let b: TestCore;
  let url: string;
  const key = randomBytes(32);
  const dirs: { dir: string; remove(): Promise<void> }[] = [];

  // A slow poll: what arrives within 1 s comes from LISTEN/NOTIFY.
  const join = () => ({ team: { url, teamBox: new AesGcmSecretBox(key), pollMs: 10_000 }, analysis: { threads: 1 } });
  /** A node whose data folder outlives it (restarted in the same folder). */
  const nodeIn = async (data: { dir: string }) => startTestCore(join(), data.dir);
  const count = async (sql: string, params: unknown[] = []) => Number((await postgres.query<{ n: string }>(url, sql, params))[0]!.n);
  const settled = async (...nodes: TestCore[]) => {
    for (const node of nodes) await node.core.teamSettled();
  };

  before(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase('team_deletions');
    dirs.push(await makeDataDir(), await makeDataDir());
    a = await nodeIn(dirs[0]!);
    b = await nodeIn(dirs[1]!);
    await settled(a, b);
  });

  after(async () => {
    await a?.core.close();
    await b?.core.close();
    for (const data of dirs) await data.remove();
    await postgres?.destroy();
  });

  it('pushes an endpoint changed while PostgreSQL was away once the node runs again, after a restart', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'hooks', shared: true }));
    await until('B to have the endpoint', () => endpoint(b, 'hooks'));
    await postgres.stop();
    a.core.api['endpoints.update'](parseArgs('endpoints.update', { slug: 'hooks', response: { status: 202, body: 'changed while away' } }));
    await a.core.close();
    await postgres.start();
    a = await nodeIn(dirs[0]!);
    const onB = await until('B to have the change', () => endpoint(b, 'hooks')?.response.body === 'changed while away' && endpoint(b, 'hooks'));
    assert.equal(onB.response.status, 202);
    assert.equal((await send(`${b.captureUrl}/hooks/x`, { body: '{}' })).status, 202, 'B answers by it');
    // Pushed once: nothing stays due, so a further cycle writes nothing.
    await settled(a, b);
    const [seq] = await postgres.query<{ seq: string }>(url, 'SELECT max(seq) AS seq FROM team_endpoints');
    await settled(a, b);
    assert.equal((await postgres.query<{ seq: string }>(url, 'SELECT max(seq) AS seq FROM team_endpoints'))[0]!.seq, seq!.seq);
  });

  it('deletes a delivery deleted on B from A within 1 s, and from PostgreSQL', async () => {
    assert.equal((await send(`${a.captureUrl}/hooks/delete-me`, { body: '{"delete":true}' })).status, 202);
    assert.equal((await send(`${a.captureUrl}/hooks/keep-me`, { body: '{"keep":true}' })).status, 202);
    const onB = await until('B to list it', () => list(b, 'hooks').find((d) => d.path === '/hooks/delete-me'));
    await until('B to list the other', () => list(b, 'hooks').find((d) => d.path === '/hooks/keep-me'));
    const onA = list(a, 'hooks').find((d) => d.path === '/hooks/delete-me')!;
    const deletedOnA = new Promise<number>((resolve) => {
      const unsubscribe = a.core.events.subscribe(({ event, data }) => {
        if (event === 'delivery.deleted') {
          unsubscribe();
          resolve((data as { id: number }).id);
        }
      });
    });
    const sent = Date.now();
    b.core.api['deliveries.delete'](parseArgs('deliveries.delete', { id: onB.id }));
    await until('A to no longer list it', () => !list(a, 'hooks').some((d) => d.path === '/hooks/delete-me'), 5_000);
    const latency = Date.now() - sent;
    assert.ok(latency <= 1_000, `gone from A after ${latency} ms`);
    assert.equal(await deletedOnA, onA.id, 'A announced its copy deleted');
    assert.ok(list(a, 'hooks').some((d) => d.path === '/hooks/keep-me'), 'the other stays');
    assert.equal(await count(`SELECT count(*) AS n FROM team_deliveries WHERE url = '/hooks/delete-me'`), 0);
    assert.equal(await count(`SELECT count(*) AS n FROM team_deliveries WHERE url = '/hooks/keep-me'`), 1);
  });

  it('applies a deletion to a node that was away when it comes back', async () => {
    assert.equal((await send(`${b.captureUrl}/hooks/while-away`, { body: '{}' })).status, 202);
    const onA = await until('A to list it', () => list(a, 'hooks').find((d) => d.path === '/hooks/while-away'));
    await settled(a);
    await a.core.close();
    const onB = list(b, 'hooks').find((d) => d.path === '/hooks/while-away')!;
    b.core.api['deliveries.delete'](parseArgs('deliveries.delete', { id: onB.id }));
    await settled(b);
    a = await nodeIn(dirs[0]!);
    assert.ok(list(a, 'hooks').some((d) => d.id === onA.id), 'still here before catching up');
    await until('A to apply the tombstone', () => !list(a, 'hooks').some((d) => d.path === '/hooks/while-away'));
  });

  it('clears an endpoint for the team: a clear on A empties B\'s list for it, other endpoints untouched', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'other', shared: true }));
    await until('B to have the endpoint', () => endpoint(b, 'other'));
    for (let i = 0; i < 3; i++) assert.equal((await send(`${a.captureUrl}/hooks/a-${i}`, { body: '{}' })).status, 202);
    for (let i = 0; i < 3; i++) assert.equal((await send(`${b.captureUrl}/hooks/b-${i}`, { body: '{}' })).status, 202);
    assert.equal((await send(`${b.captureUrl}/other/kept`, { body: '{}' })).status, 200);
    await until('both to list all of them', () => list(a, 'hooks').length === 8 && list(b, 'hooks').length === 8 && list(a, 'other').length === 1);
    const cleared = new Promise<void>((resolve) => {
      const unsubscribe = b.core.events.subscribe(({ event, data }) => {
        if (event === 'deliveries.cleared' && (data as { endpoint: string | null }).endpoint === 'hooks') {
          unsubscribe();
          resolve();
        }
      });
    });
    a.core.api['deliveries.clear'](parseArgs('deliveries.clear', { endpoint: 'hooks' }));
    await until('B\'s list for the endpoint to be empty', () => list(b, 'hooks').length === 0);
    await cleared;
    assert.equal(list(b, 'other').length, 1);
    assert.equal(await count(`SELECT count(*) AS n FROM team_deliveries WHERE endpoint = 'hooks'`), 0);
    assert.equal(await count(`SELECT count(*) AS n FROM team_deliveries WHERE endpoint = 'other'`), 1);
    // What B captures after the clear is not cleared.
    assert.equal((await send(`${b.captureUrl}/hooks/after`, { body: '{}' })).status, 202);
    await until('A to list it', () => list(a, 'hooks').some((d) => d.path === '/hooks/after'));
    await settled(a, b);
    assert.deepEqual(list(b, 'hooks').map((d) => d.path), ['/hooks/after']);
  });

  it('deletes a shared endpoint for the team, with its deliveries', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'doomed', shared: true }));
    await until('B to have the endpoint', () => endpoint(b, 'doomed'));
    assert.equal((await send(`${a.captureUrl}/doomed/1`, { body: '{}' })).status, 200);
    await until('B to list its delivery', () => list(b, 'doomed').length === 1);
    b.core.api['endpoints.delete'](parseArgs('endpoints.delete', { slug: 'doomed' }));
    await until('A to no longer have it', () => !endpoint(a, 'doomed'));
    assert.equal(list(a).some((d) => d.endpoint === 'doomed'), false);
    assert.equal(await count(`SELECT count(*) AS n FROM team_deliveries WHERE endpoint = 'doomed'`), 0);
    assert.equal(await count(`SELECT count(*) AS n FROM team_endpoints WHERE slug = 'doomed' AND deleted`), 1);
    // Created again and shared, it is back for the team.
    b.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'doomed', shared: true, response: { status: 204 } }));
    await until('A to have it again', () => endpoint(a, 'doomed')?.response.status === 204);
  });

  it('keeps a private endpoint\'s deletions on its node', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'mine' }));
    assert.equal((await send(`${a.captureUrl}/mine/1`, { body: '{}' })).status, 200);
    a.core.api['deliveries.clear'](parseArgs('deliveries.clear', { endpoint: 'mine' }));
    a.core.api['endpoints.delete'](parseArgs('endpoints.delete', { slug: 'mine' }));
    await settled(a);
    assert.equal(await count(`SELECT count(*) AS n FROM team_endpoints WHERE slug = 'mine'`), 0);
    assert.equal(await count(`SELECT count(*) AS n FROM team_tombstones WHERE cleared = 'mine'`), 0);
  });

  it('applies the team\'s retention count limit to PostgreSQL', async () => {
    for (let i = 0; i < 6; i++) assert.equal((await send(`${a.captureUrl}/hooks/count-${i}`, { body: '{}' })).status, 202);
    await until('PostgreSQL to have them', async () => (await count(`SELECT count(*) AS n FROM team_deliveries WHERE url LIKE '/hooks/count-%'`)) === 6);
    assert.ok((await count('SELECT count(*) AS n FROM team_deliveries')) > 4);
    b.core.api['settings.update'](parseArgs('settings.update', { retention: { maxCount: 4 } }));
    await until('PostgreSQL to keep the newest 4', async () => (await count('SELECT count(*) AS n FROM team_deliveries')) === 4);
    const kept = await postgres.query<{ url: string }>(url, 'SELECT url FROM team_deliveries ORDER BY seq');
    assert.deepEqual(kept.map((r) => r.url), ['/hooks/count-2', '/hooks/count-3', '/hooks/count-4', '/hooks/count-5']);
  });
});
