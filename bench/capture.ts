// `npm run bench`: the capture path against a bare Node server that reads and discards the body,
// driven by the same load generator (autocannon) in the same run. Reports CPU µs per request
// (the server process's own CPU time, read over IPC), requests/s and p99 latency, and the ratios
// against the bare baseline. A benchmark, not a test: nothing here asserts a speed.
//   npm run bench                    print the table
//   npm run bench -- --write         also write docs/benchmarks.md
//   BENCH_SECONDS=20 npm run bench   longer runs
import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { pdfGorillaCompleted } from '../test/fixtures/payloads.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
/** Variants run interleaved, round after round; each figure is the median over rounds. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Variant {
  name: string;
  script: string;
  env?: Record<string, string>;
}

const variants: Variant[] = [
  { name: 'bare Node server (baseline)', script: 'servers/bare.ts' },
  { name: 'Hookscope capture + store (group commit), no enrichment', script: 'servers/hookscope.ts', env: { ENRICH: '0' } },
  { name: 'Hookscope capture + store + enrichment (verify, recognise)', script: 'servers/hookscope.ts' },
  { name: 'Hookscope capture + store, one transaction per request, no enrichment', script: 'servers/hookscope.ts', env: { BATCH: '1', ENRICH: '0' } },
];

interface Measurement {
  name: string;
  requests: number;
  rps: number;
  p99: number;
  cpuMicrosPerRequest: number;
  non2xx: number;
  errors: number;
  commits?: number;
}

async function ask(child: ChildProcess): Promise<{ usage: NodeJS.CpuUsage; commits?: number }> {
  child.send({ type: 'cpu' });
  for (;;) {
    const [message] = (await once(child, 'message')) as [{ type: string; usage: NodeJS.CpuUsage; commits?: number }];
    if (message.type === 'cpu') return message;
  }
}

function load(port: number, duration: number): Promise<autocannon.Result> {
  return autocannon({
    url: `http://127.0.0.1:${port}/pdfgorilla/webhooks/pdf`,
    method: 'POST',
    connections,
    duration,
    headers: {
      'content-type': 'application/json',
      // Each request a distinct event, as real traffic mostly is ([<id>] is autocannon's unique id).
      'x-pdfg-event-id': 'job-[<id>]',
      'x-pdfg-signature': 'a'.repeat(64),
    },
    body: pdfGorillaCompleted.replace('cma1b2c3d4e5f6g7h8i9j0k', 'job-[<id>]'),
    idReplacement: true,
  });
}

async function measure(variant: Variant): Promise<Measurement> {
  const child = fork(fileURLToPath(new URL(variant.script, import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...variant.env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    const [ready] = (await once(child, 'message')) as [{ port: number }];
    await load(ready.port, 2); // warm-up: JIT, SQLite page cache
    const before = await ask(child);
    const result = await load(ready.port, seconds);
    const afterCpu = await ask(child);
    const cpuMicros = afterCpu.usage.user + afterCpu.usage.system - (before.usage.user + before.usage.system);
    const requests = result.requests.total;
    return {
      name: variant.name,
      requests,
      rps: requests / seconds,
      p99: result.latency.p99,
      cpuMicrosPerRequest: cpuMicros / requests,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      commits: afterCpu.commits !== undefined && before.commits !== undefined ? afterCpu.commits - before.commits : undefined,
    };
  } finally {
    child.kill();
  }
}

function table(results: Measurement[]): string {
  const base = results[0]!;
  const rows = results.map((r) =>
    [
      r.name,
      r.cpuMicrosPerRequest.toFixed(1),
      (r.cpuMicrosPerRequest / base.cpuMicrosPerRequest).toFixed(2) + '×',
      r.rps.toFixed(0),
      (r.rps / base.rps).toFixed(2) + '×',
      r.p99.toFixed(1),
      r.commits === undefined ? '–' : (r.requests / Math.max(1, r.commits)).toFixed(1),
      String(r.non2xx + r.errors),
    ].join(' | '),
  );
  return [
    '| server | CPU µs/request | CPU vs bare | requests/s | throughput vs bare | p99 ms | deliveries per transaction | non-2xx + errors |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r} |`),
  ].join('\n');
}

const runs: Measurement[][] = variants.map(() => []);
for (let round = 1; round <= rounds; round++) {
  for (const [i, variant] of variants.entries()) {
    process.stderr.write(`bench: round ${round}/${rounds}: ${variant.name} (${seconds} s, ${connections} connections)…\n`);
    runs[i]!.push(await measure(variant));
  }
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const results: Measurement[] = runs.map((measured) => ({
  ...measured[0]!,
  requests: median(measured.map((m) => m.requests)),
  rps: median(measured.map((m) => m.rps)),
  p99: median(measured.map((m) => m.p99)),
  cpuMicrosPerRequest: median(measured.map((m) => m.cpuMicrosPerRequest)),
  non2xx: measured.reduce((n, m) => n + m.non2xx, 0),
  errors: measured.reduce((n, m) => n + m.errors, 0),
  commits: measured[0]!.commits === undefined ? undefined : median(measured.map((m) => m.commits!)),
}));
const output = table(results);
process.stdout.write(`${output}\n`);

const [bare, grouped, enriched] = results;
const ratio = (m: Measurement, of: keyof Pick<Measurement, 'cpuMicrosPerRequest' | 'rps'>) => (m[of] / bare![of]).toFixed(2);
const verdict = [
  `Aim for the capture path: CPU ≤ 1.5× bare (measured ${ratio(grouped!, 'cpuMicrosPerRequest')}×), throughput ≥ 0.7× bare (measured ${ratio(grouped!, 'rps')}×).`,
  `With enrichment after each answer: CPU ${ratio(enriched!, 'cpuMicrosPerRequest')}×, throughput ${ratio(enriched!, 'rps')}× bare.`,
].join('\n');
process.stdout.write(`${verdict}\n`);

if (process.argv.includes('--write')) {
  const doc = `# Benchmarks

The capture path (HTTP in, delivery committed to SQLite, answer out) against a bare Node server
that reads and discards the body, both loaded by the same generator in the same run. Ratios are
what matter: absolute numbers depend on the machine.

Command: \`npm run bench -- --write\` (${seconds} s per server after a 2 s warm-up, ${connections} connections,
${rounds} interleaved rounds, median of each figure,
POST of the PDF Gorilla "completed" payload from the reference docs). The load generator runs in the
parent process; CPU is the server process's own user + system time, read over IPC.

Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

${output}

${verdict}

Rows: the capture path alone (HTTP in, delivery committed, answer out); the same with the work
that follows every answer (signature verification, provider recognition and duplicate keys, the
handling time, all written in one transaction per batch; the payload's link is not fetched here);
and the capture path with one SQLite transaction per request, which shows what group commit saves.
Each request carries a distinct event id, as real traffic mostly does.
`;
  writeFileSync(fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url)), doc);
  process.stderr.write('bench: wrote docs/benchmarks.md\n');
}
