// Team mode as users run it: `hookscope serve --team postgres://… --share-all` processes on one
// real PostgreSQL. A node SIGKILLed mid-burst pushes everything it acknowledged once it runs again;
// PostgreSQL restarted mid-burst stops neither capture nor convergence; two nodes behind HAProxy
// take one endpoint's traffic with nothing lost or doubled, and group retries over both.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { DeliverySummary } from '../../electron/contract/index.js';
import { PUSH_LOCK } from '../../electron/core/team/pg-schema.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { controlClient, send } from '../helpers/http.js';
import { freePort, postgresUnavailable, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { cliPath, startServe, type ServeProcess } from '../helpers/serve-process.js';
import { until as untilSooner } from '../helpers/until.js';

const HAPROXY = process.env.HOOKSCOPE_HAPROXY ?? '/usr/sbin/haproxy';
const skip = postgresUnavailable() ?? (existsSync(cliPath) ? null : 'dist/ is not built (npm run build)');

/** Process tests wait longer and poll less often. */
const until = <T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 30_000) =>
  untilSooner(what, check, timeoutMs, 50);

interface Node {
  serve: ServeProcess;
  dir: string;
  api: ReturnType<typeof controlClient>;
}

async function startNode(dir: string, url: string): Promise<Node> {
  const serve = await startServe(dir, ['--team', url, '--share-all']);
  return { serve, dir, api: controlClient(serve.uiUrl, serve.token) };
}

/** Stops a node unless it is gone already (SIGKILLed: its exit event has fired). */
async function stopNode(node: Node): Promise<void> {
  const { child } = node.serve;
  if (child.exitCode === null && child.signalCode === null) await node.serve.stop();
}

/** Every path a node lists for the default endpoint (pages of 1000). */
async function paths(node: Node): Promise<string[]> {
  const all: string[] = [];
  let before: number | null = null;
  for (let page = 0; page < 50; page++) {
    const page: { json: { deliveries: DeliverySummary[]; nextBefore: number | null } } = await node.api.get(`/api/deliveries?endpoint=default&limit=1000${before ? `&before=${before}` : ''}`);
    all.push(...page.json.deliveries.map((d) => d.path));
    before = page.json.nextBefore;
    if (before === null) break;
  }
  return all;
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** Sends `count` deliveries, `parallel` at a time; resolves with the paths answered 2xx. */
async function burst(url: () => string, prefix: string, count: number, parallel: number, onAck?: (n: number) => void): Promise<Set<string>> {
  const acked = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const path = `/${prefix}-${next++}`;
      try {
        const response = await send(`${url()}${path}`, { headers: ['Content-Type', 'application/json'], body: JSON.stringify({ path }) });
        if (response.status >= 200 && response.status < 300) {
          acked.add(path);
          onAck?.(acked.size);
        }
      } catch {
        // The node died with this request in flight: not acknowledged, so not owed.
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return acked;
}

describe('team mode: serve processes on one PostgreSQL', { skip: skip ?? false }, () => {
  let postgres: TestPostgres;
  const cleanups: (() => Promise<unknown>)[] = [];

  before(async () => {
    postgres = await startPostgres();
  });

  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await postgres?.destroy();
  });

  const nodeIn = async (url: string) => {
    const data = await makeDataDir();
    const node = await startNode(data.dir, url);
    cleanups.push(() => stopNode(node), () => data.remove());
    return node;
  };

  it('pushes every delivery a SIGKILLed node acknowledged once it runs again, and the other node lists them', async () => {
    const url = await postgres.createDatabase('team_sigkill');
    const a = await nodeIn(url);
    const b = await nodeIn(url);
    // Hold the writers' lock through the burst: A acknowledges (SQLite) but cannot push, so what it
    // acknowledged is only in its outbox when it is killed.
    const blocker = new pg.Client({ connectionString: url });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('SELECT pg_advisory_xact_lock($1)', [PUSH_LOCK]);
    let killed = false;
    const acked = await burst(() => a.serve.captureUrl, 'kill', 400, 8, (n) => {
      if (n === 150 && !killed) {
        killed = true;
        a.serve.child.kill('SIGKILL');
      }
    });
    assert.ok(killed && acked.size >= 150, `acknowledged ${acked.size}`);
    if (a.serve.child.exitCode === null && a.serve.child.signalCode === null) await once(a.serve.child, 'exit');
    const [before] = await postgres.query<{ n: string }>(url, `SELECT count(*) AS n FROM team_deliveries WHERE url LIKE '/kill-%'`);
    assert.equal(before!.n, '0', 'nothing was pushed before the kill');
    await blocker.query('COMMIT');
    await blocker.end();
    const again = await startNode(a.dir, url);
    cleanups.push(() => stopNode(again));
    await until('PostgreSQL to hold every acknowledged delivery', async () => {
      const rows = await postgres.query<{ url: string }>(url, `SELECT url FROM team_deliveries WHERE url LIKE '/kill-%'`);
      const stored = new Set(rows.map((r) => r.url));
      return [...acked].every((p) => stored.has(p)) && rows.length === stored.size;
    });
    const onB = await until('B to list every acknowledged delivery', async () => {
      const listed = new Set(await paths(b));
      return [...acked].every((p) => listed.has(p)) && listed;
    });
    const listedOnB = (await paths(b)).filter((p) => p.startsWith('/kill-'));
    assert.equal(listedOnB.length, new Set(listedOnB).size, 'nothing doubled on B');
    assert.ok(onB.size >= acked.size);
    const status = await again.api.get<{ pushed: number }>('/api/team');
    assert.ok(status.json.pushed >= acked.size, `the restarted node pushed its outbox (${status.json.pushed})`);
  });

  it('keeps capturing while PostgreSQL restarts mid-burst, and both nodes converge', async () => {
    const url = await postgres.createDatabase('team_outage');
    const a = await nodeIn(url);
    const b = await nodeIn(url);
    let restarted: Promise<void> | null = null;
    let down = false;
    let ackedWhileDown = 0;
    const onAck = (n: number) => {
      if (down) ackedWhileDown++;
      if (n === 40 && !restarted) {
        restarted = postgres
          .stop()
          .then(() => (down = true))
          .then(() => new Promise((r) => setTimeout(r, 1_000)))
          .then(() => (down = false))
          .then(() => postgres.start());
      }
    };
    const [fromA, fromB] = await Promise.all([
      burst(() => a.serve.captureUrl, 'outage-a', 300, 2, onAck),
      burst(() => b.serve.captureUrl, 'outage-b', 300, 2),
    ]);
    assert.equal(fromA.size, 300, 'A acknowledged every delivery while PostgreSQL was away');
    assert.equal(fromB.size, 300, 'B acknowledged every delivery while PostgreSQL was away');
    await restarted;
    assert.ok(ackedWhileDown > 0, 'some were captured while PostgreSQL was down');
    const everything = sorted([...fromA, ...fromB]);
    for (const node of [a, b]) {
      await until('a node to converge on the team history', async () => {
        const listed = (await paths(node)).filter((p) => p.startsWith('/outage-'));
        return listed.length === everything.length && JSON.stringify(sorted(listed)) === JSON.stringify(everything);
      }, 60_000);
    }
    const rows = await postgres.query<{ n: string; d: string }>(url, `SELECT count(*) AS n, count(DISTINCT url) AS d FROM team_deliveries`);
    assert.deepEqual(rows[0], { n: '600', d: '600' });
    const status = await a.api.get<{ connected: boolean; pendingPush: number }>('/api/team');
    assert.equal(status.json.pendingPush, 0);
  });

  it('shares one endpoint\'s traffic between two nodes behind HAProxy: nothing lost, nothing doubled, retries grouped over both', { skip: existsSync(HAPROXY) ? false : `no HAProxy at ${HAPROXY}` }, async () => {
    const url = await postgres.createDatabase('team_balancer');
    const a = await nodeIn(url);
    const b = await nodeIn(url);
    const port = await freePort();
    const config = join(a.dir, 'haproxy.cfg');
    const backend = (node: Node, name: string) => `  server ${name} ${new URL(node.serve.captureUrl).host}`;
    await writeFile(config, [
      'defaults', '  mode http', '  timeout connect 2s', '  timeout client 30s', '  timeout server 30s',
      'frontend capture', `  bind 127.0.0.1:${port}`, '  default_backend nodes',
      'backend nodes', '  balance roundrobin', backend(a, 'a'), backend(b, 'b'), '',
    ].join('\n'));
    const haproxy: ChildProcess = spawn(HAPROXY, ['-f', config, '-db'], { stdio: ['ignore', 'pipe', 'pipe'] });
    cleanups.push(async () => {
      if (haproxy.exitCode !== null || haproxy.signalCode !== null) return;
      haproxy.kill('SIGTERM');
      await once(haproxy, 'exit');
    });
    const front = `http://127.0.0.1:${port}`;
    await until('HAProxy to answer', () => send(`${front}/probe`, { body: '{}' }).then((r) => r.status === 200, () => false), 10_000);

    const acked = await burst(() => front, 'lb', 300, 6);
    assert.equal(acked.size, 300);
    const expected = sorted([...acked, '/probe']);
    for (const node of [a, b]) {
      await until('a node to list the endpoint\'s whole traffic', async () => JSON.stringify(sorted(await paths(node))) === JSON.stringify(expected));
    }
    const rows = await postgres.query<{ node: string; n: string }>(url, 'SELECT node, count(*) AS n FROM team_deliveries GROUP BY node');
    assert.equal(rows.length, 2, 'both nodes captured some of it');
    assert.equal(rows.reduce((sum, r) => sum + Number(r.n), 0), 301, 'stored once each');

    // A retry lands on the other node (round robin) and is still the event's second attempt, on both.
    const retry = { headers: ['Content-Type', 'application/json', 'x-pdfg-event-id', 'job-team'], body: JSON.stringify({ jobId: 'job-team', status: 'failed' }) };
    assert.equal((await send(`${front}/pdfg/job`, retry)).status, 200);
    const attemptsOn = async (node: Node) => {
      const { json } = await node.api.get<{ deliveries: DeliverySummary[] }>('/api/deliveries?endpoint=default&limit=10');
      return json.deliveries.filter((d) => d.path === '/pdfg/job').map((d) => d.attempt);
    };
    for (const node of [a, b]) await until('the first attempt everywhere', async () => (await attemptsOn(node)).join() === '1');
    assert.equal((await send(`${front}/pdfg/job`, retry)).status, 200);
    for (const node of [a, b]) await until('the retry numbered 2 on both nodes', async () => (await attemptsOn(node)).join() === '2,1');
  });

  it('pushes an endpoint changed while PostgreSQL was stopped once the node, SIGKILLed meanwhile, runs again', async () => {
    const url = await postgres.createDatabase('team_definitions');
    const a = await nodeIn(url);
    const b = await nodeIn(url);
    assert.equal((await a.api.post('/api/endpoints', { slug: 'orders', shared: true })).status, 201);
    await until('B to have the endpoint', async () => (await b.api.get<{ endpoints: { slug: string }[] }>('/api/endpoints')).json.endpoints.some((e) => e.slug === 'orders'));
    await postgres.stop();
    try {
      const changed = await a.api.patch('/api/endpoints/orders', { response: { status: 202, body: 'changed while the database was away' } });
      assert.equal(changed.status, 200);
      a.serve.child.kill('SIGKILL');
      await once(a.serve.child, 'exit');
    } finally {
      await postgres.start();
    }
    const again = await startNode(a.dir, url);
    cleanups.push(() => stopNode(again));
    await until('B to have the change', async () => {
      const { json } = await b.api.get<{ endpoints: { slug: string; response: { status: number; body: string } }[] }>('/api/endpoints');
      return json.endpoints.find((e) => e.slug === 'orders')?.response.status === 202;
    });
    assert.equal((await send(`${b.serve.captureUrl}/orders/x`, { body: '{}' })).status, 202);
  });
});
