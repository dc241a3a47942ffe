// `npm run bench:team`: team mode's figures for docs/team.md, measured on this machine with two
// real `hookscope serve --team … --share-all` processes and a throwaway PostgreSQL (test/helpers).
//   1. capture-to-visible latency: a delivery posted to node A, until node B's event stream
//      announces it (delivery.stored with node = A), one at a time, p50/p95/max;
//   2. sustained rate: both nodes take traffic at once (closed loop, N connections each) for S
//      seconds; what they acknowledged per second together, and how long until both list it all;
//   3. catch-up after an outage: PostgreSQL stopped, N deliveries captured on A, PostgreSQL
//      started; the time until B lists all of them.
// Loopback only. Options: --latency N (200), --seconds S (10), --connections C (8), --outage N (2000).
import { request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { makeDataDir } from '../test/helpers/data-dir.js';
import { controlClient, send } from '../test/helpers/http.js';
import { postgresUnavailable, startPostgres } from '../test/helpers/postgres.js';
import { startServe, type ServeProcess } from '../test/helpers/serve-process.js';

const { values } = parseArgs({
  options: {
    latency: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    outage: { type: 'string', default: '2000' },
  },
});

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Paths announced by a node's event stream (delivery.stored from another node), with when. */
function watchArrivals(node: ServeProcess): { seen: Map<string, number>; close(): void } {
  const seen = new Map<string, number>();
  const req = request(`${node.uiUrl}/api/events`, { headers: { Authorization: `Bearer ${node.token}` } }, (res) => {
    let buffer = '';
    res.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const record = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!record.includes('event: delivery.stored')) continue;
        const data = /^data: (.*)$/m.exec(record)?.[1];
        if (!data) continue;
        const summary = JSON.parse(data) as { path: string; node: string | null };
        if (summary.node !== null) seen.set(summary.path, performance.now());
      }
    });
  });
  req.end();
  return { seen, close: () => req.destroy() };
}

/** How many deliveries a node lists (the first page's total). */
async function count(node: ServeProcess): Promise<number> {
  const { json } = await controlClient(node.uiUrl, node.token).get<{ total: { count: number } | null }>('/api/deliveries?endpoint=default&limit=1');
  return json.total?.count ?? 0;
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await sleep(20);
  }
  return performance.now() - start;
}

async function closedLoop(url: string, prefix: string, connections: number, seconds: number): Promise<number> {
  const stopAt = performance.now() + seconds * 1000;
  let acked = 0;
  let n = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < stopAt) {
        const path = `/${prefix}-${n++}`;
        const response = await send(`${url}${path}`, { headers: ['Content-Type', 'application/json'], body: JSON.stringify({ path, pad: 'x'.repeat(900) }) });
        if (response.status === 200) acked++;
      }
    }),
  );
  return acked;
}

async function main(): Promise<void> {
  const unavailable = postgresUnavailable();
  if (unavailable) throw new Error(unavailable);
  const postgres = await startPostgres();
  const dirs = [await makeDataDir(), await makeDataDir()];
  const url = await postgres.createDatabase('team_bench');
  const [a, b] = [await startServe(dirs[0]!.dir, ['--team', url, '--share-all']), await startServe(dirs[1]!.dir, ['--team', url, '--share-all'])];
  try {
    // 1. Latency across nodes, one delivery at a time.
    const watch = watchArrivals(b);
    await sleep(500);
    const latencies: number[] = [];
    for (let i = 0; i < Number(values.latency); i++) {
      const path = `/lat-${i}`;
      const sent = performance.now();
      await send(`${a.captureUrl}${path}`, { headers: ['Content-Type', 'application/json'], body: '{"latency":true}' });
      await until(async () => watch.seen.has(path), 10_000);
      latencies.push(watch.seen.get(path)! - sent);
      await sleep(10);
    }
    watch.close();
    latencies.sort((x, y) => x - y);
    console.log(`latency A→B (n=${latencies.length}): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`);

    // 2. Sustained rate with both nodes capturing (and, for scale, one node alone without --team).
    const seconds = Number(values.seconds);
    const aloneDir = await makeDataDir();
    const alone = await startServe(aloneDir.dir);
    const aloneAcked = await closedLoop(alone.captureUrl, 'alone', Number(values.connections), seconds).finally(async () => {
      await alone.stop();
      await aloneDir.remove();
    });
    console.log(`one node without --team: ${(aloneAcked / seconds).toFixed(0)} deliveries/s acknowledged (${values.connections} connections)`);
    const [ackedA, ackedB] = await Promise.all([
      closedLoop(a.captureUrl, 'rate-a', Number(values.connections), seconds),
      closedLoop(b.captureUrl, 'rate-b', Number(values.connections), seconds),
    ]);
    const total = ackedA + ackedB;
    const expected = latencies.length + total;
    const converge = await until(async () => (await count(a)) >= expected && (await count(b)) >= expected, 120_000);
    console.log(`sustained: ${(total / seconds).toFixed(0)} deliveries/s acknowledged by two nodes together (${ackedA} + ${ackedB} in ${seconds} s, ${values.connections} connections each); both listed all ${converge.toFixed(0)} ms after the load stopped`);

    // 3. Catch-up after an outage.
    await postgres.stop();
    const outage = Number(values.outage);
    let sent = 0;
    for (let i = 0; i < outage; i += 8) {
      const batch = Array.from({ length: Math.min(8, outage - i) }, (_, k) => send(`${a.captureUrl}/outage-${i + k}`, { body: '{"outage":true}' }));
      sent += (await Promise.all(batch)).filter((r) => r.status === 200).length;
    }
    const restarted = performance.now();
    await postgres.start();
    await until(async () => (await count(b)) >= expected + sent, 300_000);
    console.log(`catch-up: ${sent} deliveries captured on A while PostgreSQL was down were all listed on B ${(performance.now() - restarted).toFixed(0)} ms after PostgreSQL started again (start-up included)`);
  } finally {
    await a.stop();
    await b.stop();
    await postgres.destroy();
    for (const dir of dirs) await dir.remove();
  }
}

await main();
