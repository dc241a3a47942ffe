// `npm run bench:profile`: where the full path's time goes. Starts the Hookscope full-path server
// of `npm run bench` under `node --cpu-prof` (every thread writes its own profile: the main thread
// and each analysis worker), loads it like the closed-loop row (or open loop at BENCH_RATE with
// PROFILE_LOAD=open), drains the enrichment queue, exits cleanly, and prints each thread's self
// time grouped by what the code is doing, then the top functions.
//   PROFILE_SECONDS=10 PROFILE_LOAD=closed|open PROFILE_ENRICH=0 (the capture path alone)
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, openLoop } from './load.js';
import { WAITING, categoryOf, type ProfileNode } from './profile-categories.js';
import { threadCpuMicros } from './cpu.js';
import { busyStretches } from './profile-stretches.js';
import { pinLoadGenerator, startServer } from './server-process.js';

const seconds = Number(process.env.PROFILE_SECONDS ?? 10);
const open = process.env.PROFILE_LOAD === 'open';
const rate = Number(process.env.BENCH_RATE ?? 1000);
const dir = mkdtempSync(join(tmpdir(), 'hookscope bench profile-'));

await pinLoadGenerator();
const env = process.env.PROFILE_ENRICH === '0' ? { ENRICH: '0' } : undefined;
// A finer sampling interval under the open loop, where the stretches that hold up an answer are the point.
const interval = open ? [`--cpu-prof-interval=${process.env.PROFILE_INTERVAL ?? 500}`] : [];
const server = await startServer({ kind: 'node', script: 'servers/hookscope.ts', env }, ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...interval]);
await closedLoop(server.port, 2, 50);
await server.drain();
const cpuBefore = await server.cpuMicros();
const threadsBefore = threadCpuMicros(server.pid);
const windowStart = (await server.stats()).monotonicMicros ?? 0;
const result = open ? await openLoop(server.port, rate, seconds) : await closedLoop(server.port, seconds, 50);
const windowEnd = (await server.stats()).monotonicMicros ?? Infinity;
const delivered = 'requests' in result ? result.requests : result.sent;
await server.drain();
const windowCpu = (await server.cpuMicros()) - cpuBefore;
const threadsAfter = threadCpuMicros(server.pid);
/** The profiles cover the server's whole life: warm-up deliveries count too. */
const lifetimeDeliveries = (await server.stats()).stored ?? delivered;
const lifetimeCpu = await server.cpuMicros();
await server.stop();

interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per node id, and the stack of each node (leaf first), from one .cpuprofile. */
function selfTimes(profile: Profile): { byNode: Map<number, number>; stackOf: (id: number) => ProfileNode[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byNode = new Map<number, number>();
  profile.samples.forEach((id, i) => byNode.set(id, (byNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const stackOf = (id: number) => {
    const stack: ProfileNode[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at)!);
    return stack;
  };
  return { byNode, stackOf };
}

const ms = (micros: number) => (micros / 1000).toFixed(0);
const perDelivery = (micros: number, of = lifetimeDeliveries) => (micros / of).toFixed(1);
const where = (node: ProfileNode) => {
  const file = node.callFrame.url.replace(/^file:\/\/.*?\/(electron|node_modules)\//, '$1/');
  return `${node.callFrame.functionName || '(anonymous)'} ${file ? `${file}:${node.callFrame.lineNumber + 1}` : '(native)'}`;
};

// The kernel's count per thread: unlike the sampled profiles below, it does not count a thread at a
// lower priority while it waits for the core.
console.log('CPU by thread in the window incl. drain (/proc/PID/task, the kernel\'s count):');
for (const [tid, { name, micros }] of [...threadsAfter].sort((a, b) => b[1].micros - a[1].micros)) {
  const used = micros - (threadsBefore.get(tid)?.micros ?? 0);
  if (used >= 10_000) console.log(`  ${name.padEnd(16)} tid ${tid}: ${ms(used)} ms, ${perDelivery(used, delivered)} µs per delivery`);
}
console.log('');

const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort();
console.log(`${delivered} deliveries in ${seconds} s (${open ? `open loop, ${rate}/s` : 'closed loop, 50 connections'}); ${files.length} thread profiles in ${dir}`);
console.log(`server CPU (/proc, all threads): ${ms(windowCpu)} ms in the window incl. drain (${perDelivery(windowCpu, delivered)} µs per delivery), ${ms(lifetimeCpu)} ms over its life (start-up, warm-up, window: ${perDelivery(lifetimeCpu)} µs per delivery stored, ${lifetimeDeliveries}), as the profiles cover\n`);
for (const file of files) {
  const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
  const { byNode, stackOf } = selfTimes(profile);
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of byNode) {
    const stack = stackOf(id);
    const category = categoryOf(stack);
    if (category === 'idle' || category === WAITING) {
      categories.set(category, (categories.get(category) ?? 0) + micros);
      continue;
    }
    busy += micros;
    categories.set(category, (categories.get(category) ?? 0) + micros);
    functions.set(where(stack[0]!), (functions.get(where(stack[0]!)) ?? 0) + micros);
  }
  if (busy < 50_000) continue; // a thread that hardly ran (an idle spare, the loader hooks)
  console.log(`## ${file}: ${ms(busy)} ms on the CPU (samples, lifetime), ${perDelivery(busy)} µs per delivery stored`);
  console.log('| what | ms | µs per delivery | share |\n| --- | ---: | ---: | ---: |');
  for (const [category, micros] of [...categories].sort((a, b) => b[1] - a[1])) {
    if (category === 'idle' || category === WAITING) {
      console.log(`| (${category}, not counted) | ${ms(micros)} | | |`);
      continue;
    }
    console.log(`| ${category} | ${ms(micros)} | ${perDelivery(micros)} | ${((100 * micros) / busy).toFixed(1)} % |`);
  }
  if (file === files[0]) printStretches(profile, stackOf);
  console.log('\ntop self time:');
  for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`  ${ms(micros).padStart(6)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${name}`);
  }
  console.log('');
}

/** The main thread's busy stretches of 2 ms or more, grouped by what they were doing. */
function printStretches(profile: Profile, stackOf: (id: number) => ProfileNode[]): void {
  const isBusy = (stack: ProfileNode[]) => {
    const category = categoryOf(stack);
    return category !== 'idle' && category !== WAITING;
  };
  const stretches = busyStretches(profile, stackOf, isBusy, { from: windowStart, to: windowEnd, minMicros: 2000 });
  const groups = new Map<string, { count: number; total: number; longest: number }>();
  for (const { micros, label } of stretches) {
    const group = groups.get(label) ?? { count: 0, total: 0, longest: 0 };
    groups.set(label, { count: group.count + 1, total: group.total + micros, longest: Math.max(group.longest, micros) });
  }
  const seconds = (micros: number) => ((micros - profile.startTime) / 1e6).toFixed(1);
  console.log(`\nthe load window: ${seconds(windowStart)}–${seconds(windowEnd)} s into the profile`);
  console.log(`busy stretches of 2 ms or more on this thread within the load window (an answer due meanwhile waits): ${stretches.length}, by what most of each was doing:`);
  console.log('| what | stretches | longest ms | total ms |\n| --- | ---: | ---: | ---: |');
  for (const [label, g] of [...groups].sort((a, b) => b[1].total - a[1].total).slice(0, 12)) {
    console.log(`| ${label} | ${g.count} | ${(g.longest / 1000).toFixed(1)} | ${ms(g.total)} |`);
  }
}
