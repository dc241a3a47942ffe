// `npm run bench`: Hookscope's capture path and full path against a bare node:http server, a naive
// SQLite receiver and Mockoon CLI, all in one run, the same load for each, rounds interleaved,
// ratios against the bare server measured in this run. A benchmark, not a test: nothing here
// asserts a speed. See docs/benchmarks.md for what each figure means.
//   npm run bench                         print the tables
//   npm run bench -- --write              also write the capture section of docs/benchmarks.md
//   BENCH_SECONDS=5 BENCH_ROUNDS=3        window per row and round, rounds
//   BENCH_CONNECTIONS=50 BENCH_RATE=1000  closed-loop connections, open-loop requests/s
//   BENCH_ROWS=bare,full BENCH_PIN=0      some rows only; no core pinning
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { closedLoop, openLoop } from './load.js';
import { writeCaptureSection } from './report-doc.js';
import { pinLoadGenerator, pinning, startServer, type ServerKind } from './server-process.js';
import { threadCount } from './cpu.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rate = Number(process.env.BENCH_RATE ?? 1000);
const warmupSeconds = 2;
const mockoonVersion = (createRequire(import.meta.url)('@mockoon/cli/package.json') as { version: string }).version;

interface Row {
  key: string;
  name: string;
  server: ServerKind;
  /** Also measured at a fixed rate, open loop. */
  openLoop?: boolean;
}

const allRows: Row[] = [
  { key: 'bare', name: 'bare node:http (baseline)', server: { kind: 'node', script: 'servers/bare.ts' }, openLoop: true },
  { key: 'naive', name: 'naive receiver: node:http + better-sqlite3, one INSERT per request', server: { kind: 'node', script: 'servers/naive.ts' } },
  { key: 'mockoon', name: `Mockoon CLI ${mockoonVersion}, --log-transaction`, server: { kind: 'mockoon' } },
  { key: 'capture', name: 'Hookscope capture path (enrichment off)', server: { kind: 'node', script: 'servers/hookscope.ts', env: { ENRICH: '0' } }, openLoop: true },
  { key: 'full', name: 'Hookscope full path: capture, store, verify, recognise', server: { kind: 'node', script: 'servers/hookscope.ts' }, openLoop: true },
];
const only = process.env.BENCH_ROWS?.split(',');
const rows = allRows.filter((row) => row.key === 'bare' || !only || only.includes(row.key));

interface Closed {
  requests: number;
  rps: number;
  p99: number;
  failed: number;
  cpuPerDelivery: number;
  /** The same from the server's own process.cpuUsage(), as a cross-check (node servers). */
  selfReportedCpuPerDelivery?: number;
  enrichedInWindow?: number;
  enriched?: number;
  valid?: number;
  recognised?: number;
  stored?: number;
  drainMs?: number;
  threads: number;
  /** Share of a core the load generator used: near 100 % and the generator, not the server, is the limit. */
  generatorBusy: number;
}

interface Open {
  sent: number;
  /** At a steady, modest rate nothing batches: this is the cost per delivery a webhook receiver mostly sees. */
  cpuPerDelivery: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
  sockets: number;
}

async function measure(row: Row): Promise<{ closed: Closed; open?: Open }> {
  const server = await startServer(row.server);
  try {
    await closedLoop(server.port, warmupSeconds, connections); // JIT, SQLite page cache, pool threads
    const before = await server.drain();
    const cpuBefore = await server.cpuMicros();
    const generatorBefore = process.cpuUsage();
    const load = await closedLoop(server.port, seconds, connections);
    const generator = process.cpuUsage(generatorBefore);
    const threads = threadCount(server.pid);
    const atEnd = await server.stats();
    // Enrichment still queued when the window closes is work this window caused: count it.
    const after = await server.drain();
    const cpu = (await server.cpuMicros()) - cpuBefore;
    const delta = (key: 'stored' | 'enriched' | 'valid' | 'recognised', of = after) => (of[key] === undefined ? undefined : of[key]! - before[key]!);
    const selfCpu = after.usage && before.usage ? after.usage.user + after.usage.system - before.usage.user - before.usage.system : undefined;
    const closed: Closed = {
      requests: load.requests,
      rps: load.rps,
      p99: load.p99,
      failed: load.non2xx + load.errors,
      cpuPerDelivery: cpu / load.requests,
      selfReportedCpuPerDelivery: selfCpu === undefined ? undefined : selfCpu / load.requests,
      stored: delta('stored'),
      enrichedInWindow: delta('enriched', atEnd),
      enriched: delta('enriched'),
      valid: delta('valid'),
      recognised: delta('recognised'),
      drainMs: after.drainMs,
      threads,
      generatorBusy: (generator.user + generator.system) / (seconds * 1e6),
    };
    if (!row.openLoop) return { closed };
    await openLoop(server.port, rate, 1); // fresh sockets, and the server settled into the steady rate
    await server.drain();
    const openCpuBefore = await server.cpuMicros();
    const result = await openLoop(server.port, rate, seconds);
    await server.drain();
    const openCpu = (await server.cpuMicros()) - openCpuBefore;
    return { closed, open: { sent: result.sent, cpuPerDelivery: openCpu / result.sent, p50: result.p50, p99: result.p99, max: result.max, failed: result.non2xx + result.errors + (result.sent - result.answered), sockets: result.sockets } };
  } finally {
    await server.stop();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const medianOf = <T>(items: T[], pick: (item: T) => number | undefined) => {
  const values = items.map(pick).filter((v): v is number => v !== undefined && !Number.isNaN(v));
  return values.length === 0 ? undefined : median(values);
};
const sumOf = <T>(items: T[], pick: (item: T) => number) => items.reduce((n, item) => n + pick(item), 0);
const fixed = (value: number | undefined, digits: number) => (value === undefined ? '–' : value.toFixed(digits));

await pinLoadGenerator();
/** Other work on the machine skews everything: the load average before and after says how much there was. */
const loadBefore = loadavg()[0]!;
const measured = rows.map(() => [] as Array<{ closed: Closed; open?: Open }>);
for (let round = 1; round <= rounds; round++) {
  for (const [i, row] of rows.entries()) {
    process.stderr.write(`bench: round ${round}/${rounds}: ${row.name}…\n`);
    const result = await measure(row);
    const c = result.closed;
    process.stderr.write(
      `  ${c.rps.toFixed(0)} req/s, ${c.cpuPerDelivery.toFixed(1)} µs/delivery (self-reported ${fixed(c.selfReportedCpuPerDelivery, 1)}), ` +
        `${c.threads} threads, generator ${(c.generatorBusy * 100).toFixed(0)} % of a core` +
        (c.enriched === undefined ? '' : `, stored ${c.stored}, enriched ${c.enrichedInWindow} in the window + ${c.enriched! - c.enrichedInWindow!} after (${fixed(c.drainMs, 0)} ms)`) +
        (result.open ? `; open loop ${rate}/s: p99 ${result.open.p99.toFixed(2)} ms, ${result.open.sockets} sockets, ${result.open.cpuPerDelivery.toFixed(1)} µs/delivery` : '') +
        '\n',
    );
    measured[i]!.push(result);
  }
}

const closedRows = measured.map((results) => results.map((r) => r.closed));
const summary = closedRows.map((closed) => ({
  rps: medianOf(closed, (c) => c.rps)!,
  cpu: medianOf(closed, (c) => c.cpuPerDelivery)!,
  p99: medianOf(closed, (c) => c.p99)!,
  failed: sumOf(closed, (c) => c.failed),
  enriched: closed[0]!.enriched === undefined ? undefined : { enriched: sumOf(closed, (c) => c.enriched!), valid: sumOf(closed, (c) => c.valid!), recognised: sumOf(closed, (c) => c.recognised!), stored: sumOf(closed, (c) => c.stored!), inWindow: sumOf(closed, (c) => c.enrichedInWindow!) },
}));
const base = summary[0]!;
const enrichedCell = (s: (typeof summary)[number]) =>
  s.enriched ? (s.enriched.enriched === 0 ? '0' : `${s.enriched.enriched} of ${s.enriched.stored} (${s.enriched.valid} valid, ${s.enriched.recognised} recognised; ${s.enriched.inWindow} within the window)`) : '–';
const closedTable = [
  '| server | CPU µs per delivery (all threads) | CPU vs bare | requests/s | throughput vs bare | p99 ms | non-2xx + errors | deliveries enriched (all rounds) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
  ...rows.map((row, i) => {
    const s = summary[i]!;
    return `| ${row.name} | ${s.cpu.toFixed(1)} | ${(s.cpu / base.cpu).toFixed(2)}× | ${s.rps.toFixed(0)} | ${(s.rps / base.rps).toFixed(2)}× | ${s.p99.toFixed(1)} | ${s.failed} | ${enrichedCell(s)} |`;
  }),
].join('\n');

const openRows = rows.flatMap((row, i) => (row.openLoop ? [{ row, open: measured[i]!.map((r) => r.open!) }] : []));
const openBase = medianOf(openRows[0]!.open, (o) => o.p99)!;
const openBaseCpu = medianOf(openRows[0]!.open, (o) => o.cpuPerDelivery)!;
const openTable = [
  `| server, open loop at ${rate} requests/s | p50 ms | p99 ms | p99 − bare's, ms | worst ms | sockets opened | non-2xx + errors + unanswered | CPU µs per delivery | CPU vs bare |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...openRows.map(({ row, open }) => {
    const p99 = medianOf(open, (o) => o.p99)!;
    const cpu = medianOf(open, (o) => o.cpuPerDelivery)!;
    return `| ${row.name} | ${fixed(medianOf(open, (o) => o.p50), 2)} | ${p99.toFixed(2)} | ${(p99 - openBase).toFixed(2)} | ${fixed(medianOf(open, (o) => o.max), 1)} | ${fixed(medianOf(open, (o) => o.sockets), 0)} | ${sumOf(open, (o) => o.failed)} | ${cpu.toFixed(1)} | ${(cpu / openBaseCpu).toFixed(2)}× |`;
  }),
].join('\n');

function verdict(): string {
  const lines: string[] = [];
  const at = (key: string) => rows.findIndex((row) => row.key === key);
  const aim = (key: string, label: string, cpuAim: number, rpsAim: number) => {
    const s = summary[at(key)];
    if (!s) return;
    const cpu = s.cpu / base.cpu;
    const rps = s.rps / base.rps;
    lines.push(`- ${label}: CPU ${cpu.toFixed(2)}× bare (aim ≤ ${cpuAim}×: ${cpu <= cpuAim ? 'met' : 'not met'}), throughput ${rps.toFixed(2)}× bare (aim ≥ ${rpsAim}×: ${rps >= rpsAim ? 'met' : 'not met'}).`);
  };
  aim('full', 'Full path', 2.5, 0.45);
  aim('capture', 'Capture path alone', 1.5, 0.7);
  const full = openRows.find(({ row }) => row.key === 'full');
  if (full) {
    const gap = medianOf(full.open, (o) => o.p99)! - openBase;
    lines.push(`- Full path at ${rate} requests/s, open loop: p99 ${gap.toFixed(2)} ms above bare's (aim ≤ 5 ms: ${gap <= 5 ? 'met' : 'not met'}).`);
  }
  return lines.join('\n');
}

const setup = [
  `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ` +
    `1-minute load average ${loadBefore.toFixed(1)} before the run, ${loadavg()[0]!.toFixed(1)} after (the bench itself keeps up to 2 busy).`,
  pinning
    ? `Servers pinned to core ${cpus().length - 1} (\`taskset -c\`, all their threads, workers included); the load generator to the other core(s).`
    : 'No core pinning (BENCH_PIN=0, one core, or no /proc): server and load generator share the cores.',
  `${seconds} s per row and round after a ${warmupSeconds} s warm-up, ${rounds} rounds interleaved (median of each figure; counts summed), ` +
    `${connections} connections closed loop; open loop ${rate} requests/s for ${seconds} s after 1 s at that rate.`,
].join('\n');
process.stdout.write(`${setup}\n\n${closedTable}\n\n${openTable}\n\n${verdict()}\n`);
if (process.argv.includes('--write')) {
  writeCaptureSection({ setup, closedTable, openTable, verdict: verdict() });
  process.stderr.write('bench: wrote the capture section of docs/benchmarks.md\n');
}
