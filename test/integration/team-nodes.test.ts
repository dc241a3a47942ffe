// Team mode with two real cores (separate data folders, separate SQLite files) on one real
// PostgreSQL started for the test: what one node captures the other lists, replays are stored
// once, private endpoints stay private, and shared secrets travel sealed with the team key.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { parseArgs, type DeliverySummary } from '../../electron/contract/index.js';
import { AesGcmSecretBox } from '../../electron/core/secrets/secret-box.js';
import type { TeamOptions } from '../../electron/core/team/index.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { startTargetServer, type TargetServer } from '../helpers/target-server.js';
import { makePdf } from '../fixtures/pdf.js';
import Database from 'better-sqlite3';
import { makeDataDir } from '../helpers/data-dir.js';
import { databaseFileIn } from '../../electron/core/store/paths.js';
import { until } from '../helpers/until.js';

const skip = postgresUnavailable();

const list = (node: TestCore, endpoint?: string) => node.core.api['deliveries.list'](parseArgs('deliveries.list', { endpoint, limit: 1000 })).deliveries as DeliverySummary[];

describe('team mode: two nodes on one PostgreSQL', { skip: skip ?? false }, () => {
  let postgres: TestPostgres;
  let a: TestCore;
  let b: TestCore;
  let target: TargetServer;
  let url: string;
  const key = randomBytes(32);

  const join = (overrides: Partial<TeamOptions> = {}) => ({
    // A slow poll: arrivals within 1 s must come from LISTEN/NOTIFY, not from polling.
    team: { url, teamBox: new AesGcmSecretBox(key), pollMs: 10_000, ...overrides },
    analysis: { threads: 1 },
  });

  before(async () => {
    postgres = await startPostgres();
    url = await postgres.createDatabase('team_nodes');
    a = await startTestCore(join());
    b = await startTestCore(join());
    target = await startTargetServer();
    await a.core.teamSettled();
    await b.core.teamSettled();
  });

  after(async () => {
    await a?.stop();
    await b?.stop();
    await target?.close();
    await postgres?.destroy();
  });

  it('shares an endpoint created as shared, and lists a delivery captured on A in B\'s API within 1 s', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'hooks', shared: true }));
    await until('B to have the shared endpoint', () => b.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'hooks' && e.shared));
    const body = Buffer.concat([Buffer.from('{"id":"evt_1","bytes":"'), randomBytes(64), Buffer.from('"}')]);
    const sent = Date.now();
    const response = await send(`${a.captureUrl}/hooks/x?y=1`, { headers: ['Content-Type', 'application/json', 'X-Order', '1'], body });
    assert.equal(response.status, 200);
    const seen = await until('B to list it', () => list(b, 'hooks').find((d) => d.path === '/hooks/x'), 5_000);
    const latency = Date.now() - sent;
    assert.ok(latency <= 1_000, `listed on B after ${latency} ms`);
    assert.equal(seen.node, a.core.api['team.status']().node);
    assert.equal(seen.query, 'y=1');
    const detail = b.core.api['deliveries.get'](parseArgs('deliveries.get', { id: seen.id }));
    assert.deepEqual(Buffer.from(detail.body, 'base64'), body, 'the body is byte-exact on B');
    assert.deepEqual(detail.headers.slice(0, 2), [['Content-Type', 'application/json'], ['X-Order', '1']]);
    // A's own list shows it as captured here.
    assert.equal(list(a, 'hooks').find((d) => d.path === '/hooks/x')?.node, null);
    // Search on B covers it: B's own index, filled in the transaction that stored the copy.
    assert.equal((await send(`${a.captureUrl}/hooks/searchable`, { headers: ['Content-Type', 'application/json'], body: '{"id":"evt_team_search_1"}' })).status, 200);
    const copy = await until('B to list it', () => list(b, 'hooks').find((d) => d.path === '/hooks/searchable'));
    const found = b.core.api['deliveries.list'](parseArgs('deliveries.list', { q: 'evt_team_search_1', limit: 10 })).deliveries;
    assert.deepEqual(found.map((d) => d.id), [copy.id]);
    assert.deepEqual(b.core.api['deliveries.list'](parseArgs('deliveries.list', { q: 'evt_team_search_1 method:GET', limit: 10 })).deliveries, []);
  });

  it('carries 9 MiB bodies byte-exact (push and pull batches are bounded by body bytes, not only rows)', async () => {
    const bodies = [0, 1, 2].map((i) => Buffer.concat([Buffer.from(`{"big":${i},"pad":"`), randomBytes(9 * 1024 * 1024), Buffer.from('"}')]));
    for (const [i, body] of bodies.entries()) assert.ok((await send(`${a.captureUrl}/hooks/big-${i}`, { body })).status < 300);
    for (const [i, body] of bodies.entries()) {
      const onB = await until(`B to list big-${i}`, () => list(b, 'hooks').find((d) => d.path === `/hooks/big-${i}`));
      const detail = b.core.api['deliveries.get'](parseArgs('deliveries.get', { id: onB.id }));
      assert.ok(Buffer.from(detail.body, 'base64').equals(body), `big-${i} is byte-exact on B`);
    }
  });

  it('keeps a private endpoint on its node', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'mine' }));
    assert.equal((await send(`${a.captureUrl}/mine`, { body: 'private' })).status, 200);
    await a.core.teamSettled();
    await b.core.teamSettled();
    const rows = await postgres.query<{ n: string }>(url, `SELECT count(*) AS n FROM team_deliveries WHERE endpoint = 'mine'`);
    assert.equal(rows[0]!.n, '0');
    assert.equal(b.core.api['endpoints.list']().endpoints.some((e) => e.slug === 'mine'), false);
  });

  it('stores a replay started on B once, and shows it on A', async () => {
    assert.equal((await send(`${a.captureUrl}/hooks/replay-me`, { body: '{"replay":true}' })).status, 200);
    const onB = await until('B to list it', () => list(b, 'hooks').find((d) => d.path === '/hooks/replay-me'));
    const attempt = await b.core.api['replay.send'](parseArgs('replay.send', { id: onB.id, target: target.url }));
    assert.equal(attempt.response?.status, 200);
    assert.equal(target.received.filter((r) => r.body.toString() === '{"replay":true}').length, 1, 'sent once');
    const onA = list(a, 'hooks').find((d) => d.path === '/hooks/replay-me')!;
    const seen = await until('A to show the attempt', () => {
      const attempts = a.core.api['replay.list'](parseArgs('replay.list', { id: onA.id })).attempts;
      return attempts.length > 0 && attempts;
    });
    await b.core.teamSettled();
    await a.core.teamSettled();
    assert.equal(a.core.api['replay.list'](parseArgs('replay.list', { id: onA.id })).attempts.length, 1, 'stored once on A');
    assert.equal(b.core.api['replay.list'](parseArgs('replay.list', { id: onB.id })).attempts.length, 1, 'stored once on B');
    assert.equal(seen[0]!.target, target.url);
    assert.equal(seen[0]!.response?.status, 200);
    const full = a.core.api['replay.get'](parseArgs('replay.get', { id: seen[0]!.id }));
    assert.equal(Buffer.from(full.request.body, 'base64').toString(), '{"replay":true}');
    const rows = await postgres.query<{ n: string }>(url, 'SELECT count(*) AS n FROM team_replay_attempts');
    assert.equal(rows[0]!.n, '1', 'one attempt row in PostgreSQL');
  });

  it('shares endpoint changes both ways and the team\'s settings, but not a node\'s forward rule or tunnel', async () => {
    b.core.api['endpoints.update'](parseArgs('endpoints.update', { slug: 'hooks', response: { status: 202, body: 'queued' }, forward: { target: target.url } }));
    await until('A to answer as B set it', async () => (await send(`${a.captureUrl}/hooks/rule`, { body: '{}' })).status === 202 || undefined);
    const onA = a.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'hooks')!;
    assert.equal(onA.response.body, 'queued');
    assert.equal(onA.forward, null, 'a forward target is the node\'s own');
    a.core.api['settings.update'](parseArgs('settings.update', { retention: { maxAgeDays: 30 }, publicUrl: 'https://hooks.example.com', tunnel: { subdomain: 'only-on-a' } }));
    const onB = await until('B to take the shared settings', () => {
      const settings = b.core.api['settings.get']();
      return settings.publicUrl === 'https://hooks.example.com' && settings;
    });
    assert.equal(onB.retention.maxAgeDays, 30);
    assert.equal(onB.tunnel.subdomain, null, 'tunnel settings stay per node');
    // Quiet afterwards: applying a team change does not push it back (no ping-pong).
    await a.core.teamSettled();
    await b.core.teamSettled();
    const [before] = await postgres.query<{ seq: string }>(url, 'SELECT max(seq) AS seq FROM team_endpoints');
    await new Promise((r) => setTimeout(r, 300));
    await a.core.teamSettled();
    await b.core.teamSettled();
    const [afterwards] = await postgres.query<{ seq: string }>(url, 'SELECT max(seq) AS seq FROM team_endpoints');
    assert.equal(afterwards!.seq, before!.seq);
  });

  it('fails the first N across the team: failures on A count on B', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'flaky', shared: true, failureMode: { kind: 'fail-first', count: 3, status: 503 } }));
    await until('B to have the failure mode', () => b.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'flaky')?.failureMode);
    assert.equal((await send(`${a.captureUrl}/flaky/1`, { body: '{}' })).status, 503);
    assert.equal((await send(`${a.captureUrl}/flaky/2`, { body: '{}' })).status, 503);
    await until('B to count them', () => b.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'flaky')?.failureModeState?.failed === 2);
    const onB = [];
    for (let i = 3; i <= 5; i++) onB.push((await send(`${b.captureUrl}/flaky/${i}`, { body: '{}' })).status);
    assert.deepEqual(onB, [503, 200, 200], 'the third failure of the team, then success');
    await until('A to count the third', () => a.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'flaky')?.failureModeState?.remaining === 0);
    assert.equal((await send(`${a.captureUrl}/flaky/6`, { body: '{}' })).status, 200);
  });

  it('counts the Adobe error window and the deadline report over both nodes\' answers', async () => {
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'adobe', shared: true, provider: 'adobe', response: { status: 500, body: 'down', delayMs: 40 } }));
    await until('B to have the endpoint', () => b.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'adobe'));
    for (let i = 0; i < 3; i++) assert.equal((await send(`${a.captureUrl}/adobe/${i}`, { body: '{}' })).status, 500);
    for (let i = 3; i < 5; i++) assert.equal((await send(`${b.captureUrl}/adobe/${i}`, { body: '{}' })).status, 500);
    for (const node of [a, b]) {
      const stats = await until('the window and the handling times to cover both nodes', () => {
        const current = node.core.api['endpoints.stats'](parseArgs('endpoints.stats', { slug: 'adobe' }));
        return current.adobe?.errorsLast10Min === 5 && current.deadline.count === 5 && current;
      });
      assert.equal(stats.adobe?.remaining, stats.adobe!.blockAt - 5);
      assert.ok((stats.deadline.p50Ms ?? 0) >= 40, `handling times are the senders' (p50 ${stats.deadline.p50Ms} ms)`);
    }
  });

  it('shows on B the answer A relayed from its forward target', async () => {
    const app = await startTargetServer(() => ({ status: 299, headers: [['Content-Type', 'text/plain']], body: 'relayed' }));
    try {
      a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'relay', shared: true, forward: { target: app.url, relayResponse: true } }));
      await until('B to have the endpoint', () => b.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'relay'));
      const response = await send(`${a.captureUrl}/relay/x`, { body: '{}' });
      assert.equal(response.status, 299);
      const onB = await until('B to show the relayed answer', () => list(b, 'relay').find((d) => d.responseStatus === 299));
      assert.equal(b.core.api['deliveries.get'](parseArgs('deliveries.get', { id: onB.id })).response.body, 'relayed');
      assert.equal(app.received.length, 1, 'forwarded by A only');
    } finally {
      await app.close();
    }
  });

  it('fetches a linked document once, on the capturing node, and shares it with its bytes', async () => {
    const pdf = makePdf({ pages: 2 });
    const files = await startTargetServer((request) => (request.url === '/once/doc.pdf' ? { status: 200, headers: [['Content-Type', 'application/pdf']], body: pdf } : { status: 404 }));
    try {
      a.core.api['settings.update'](parseArgs('settings.update', { archive: { allowLoopback: true } }));
      const body = JSON.stringify({ jobId: 'job-doc', status: 'completed', downloadUrl: `${files.url}/once/doc.pdf`, error: null, timestamp: '2026-04-06T10:01:23.456Z' });
      // 'hooks' answers 202 since B changed its rule (above).
      assert.equal((await send(`${a.captureUrl}/hooks/pdf`, { headers: ['Content-Type', 'application/json', 'x-pdfg-event-id', 'job-doc'], body })).status, 202);
      const onB = await until('B to list the delivery', () => list(b, 'hooks').find((d) => d.path === '/hooks/pdf'));
      const document = await until('B to have the archived document', () => b.core.api['documents.list'](parseArgs('documents.list', { id: onB.id })).find((d) => d.state === 'archived'));
      assert.equal(document.origin, 'link');
      assert.equal(document.pages, 2);
      const content = b.core.api['documents.content'](parseArgs('documents.content', { id: document.id }));
      assert.deepEqual(Buffer.from(content.body, 'base64'), pdf);
      await b.core.documentsSettled();
      assert.equal(files.received.filter((r) => r.url === '/once/doc.pdf').length, 1, 'fetched once, by A');
    } finally {
      await files.close();
    }
  });

  it('stops logging amendments when a former team node starts alone', async () => {
    const data = await makeDataDir();
    try {
      const joined = await startTestCore(join(), data.dir);
      await joined.core.teamSettled();
      await joined.core.close();
      const alone = await startTestCore({}, data.dir);
      assert.equal((await send(`${alone.captureUrl}/x`, { body: '{}' })).status, 200);
      await alone.core.documentsSettled();
      await alone.core.close();
      const db = new Database(databaseFileIn(data.dir), { readonly: true });
      try {
        assert.equal(db.prepare<[], { n: number }>("SELECT count(*) AS n FROM team_state WHERE key = 'amend_log'").get()!.n, 0);
        assert.equal(db.prepare<[], { n: number }>('SELECT count(*) AS n FROM team_amends').get()!.n, 0);
        assert.ok(db.prepare('SELECT handled_ms FROM deliveries ORDER BY id DESC LIMIT 1').get(), 'the delivery was stored');
      } finally {
        db.close();
      }
    } finally {
      await data.remove();
    }
  });

  it('applies the team\'s retention by age to PostgreSQL (here, a node whose clock is 40 days ahead)', async () => {
    const [before] = await postgres.query<{ n: string }>(url, 'SELECT count(*) AS n FROM team_deliveries');
    assert.ok(Number(before!.n) > 0);
    a.core.api['settings.update'](parseArgs('settings.update', { retention: { maxAgeDays: 30 } }));
    const later = await startTestCore({ ...join(), now: () => Date.now() + 40 * 86_400_000 });
    try {
      await until('PostgreSQL to be pruned', async () => {
        const [left] = await postgres.query<{ n: string }>(url, 'SELECT count(*) AS n FROM team_deliveries');
        return left!.n === '0';
      });
      const [attempts] = await postgres.query<{ n: string }>(url, 'SELECT count(*) AS n FROM team_replay_attempts');
      assert.equal(attempts!.n, '0', 'their replay attempts went with them');
    } finally {
      await later.stop();
    }
  });

  it('seals a shared secret with the team key: B verifies, a node without the key cannot, PostgreSQL never has it in clear', async () => {
    const secret = 'whsec_team_secret_0123456789';
    a.core.api['endpoints.create'](parseArgs('endpoints.create', { slug: 'signed', shared: true, verification: { scheme: 'hmac', secret, header: 'X-Signature', algorithm: 'sha256', encoding: 'hex' } }));
    await until('B to have the secret', () => b.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'signed')?.verification?.secretSet);
    const stored = await postgres.query<{ definition: unknown; secret_sealed: Buffer | null }>(url, `SELECT definition, secret_sealed FROM team_endpoints WHERE slug = 'signed'`);
    assert.ok(stored[0]!.secret_sealed, 'a sealed secret is stored');
    assert.ok(!stored[0]!.secret_sealed!.includes(Buffer.from(secret)), 'not in clear');
    assert.ok(!JSON.stringify(stored[0]!.definition).includes(secret), 'not in the definition');

    const c = await startTestCore(join({ teamBox: null }));
    try {
      await until('C to have the endpoint', () => c.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'signed'));
      assert.equal(c.core.api['team.status']().teamKey, false);
      const body = '{"signed":true}';
      const { createHmac } = await import('node:crypto');
      const signature = createHmac('sha256', secret).update(body).digest('hex');
      assert.equal((await send(`${a.captureUrl}/signed`, { headers: ['X-Signature', signature], body })).status, 200);
      const onB = await until('B to verify it', () => list(b, 'signed').find((d) => d.verification !== null));
      assert.equal(onB.verification, 'valid');
      const onC = await until('C to have it analysed', () => list(c, 'signed').find((d) => d.verification !== null));
      assert.notEqual(onC.verification, 'valid', 'without the key C cannot verify');
    } finally {
      await c.stop();
    }
    // A node given another key says so, and cannot verify either.
    const d = await startTestCore(join({ teamBox: new AesGcmSecretBox(randomBytes(32)) }));
    try {
      const endpoint = await until('D to have the endpoint', () => d.core.api['endpoints.list']().endpoints.find((e) => e.slug === 'signed'));
      assert.equal(endpoint.verification?.secretSet, false);
      assert.match(d.core.api['team.status']().lastError ?? '', /team's key/);
    } finally {
      await d.stop();
    }
  });
});
