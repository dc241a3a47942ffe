// What a sample of the profile was doing, for bench/profile.ts: walk its stack from the leaf up,
// and the first frame a rule recognises names it. Natives (url '') say little on their own:
// JSON.stringify is named by itself, a better-sqlite3 statement's `run` by its caller in store/.

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export const WAITING = 'waiting: blocked or descheduled (wall time, not CPU)';

type Rule = [category: string, test: (name: string, url: string) => boolean];

/** Checked on the leaf frame only. */
const leafRules: Rule[] = [
  ['idle', (name) => name === '(idle)'],
  // The profiler samples wall time. A worker blocked in Atomics.wait for its next task is not on
  // the CPU; nor is the main thread just after it woke a worker (Atomics.notify in postTask): on
  // one core the kernel runs the woken worker, and the main thread's next sample lands there.
  [WAITING, (name, url) => (name === 'atomicsWaitLoop' || name === 'postTask') && url.includes('piscina')],
  ['garbage collection', (name) => name === '(garbage collector)'],
  ['native, unattributed (V8/libuv/syscalls: "(program)")', (name) => name === '(program)'],
  ['JSON stringify/parse', (name, url) => url === '' && (name === 'stringify' || name === 'parse')],
];

/** Checked on every frame, leaf first. */
const frameRules: Rule[] = [
  ['module loading at start-up (tsx/esbuild here; not in the built app)', (name, url) => url.includes('/tsx/') || url.includes('/esbuild/') || url.includes('internal/modules/') || name === 'compileForInternalLoader'],
  ['verify (signature check)', (_, url) => url.includes('/core/verify/')],
  ['recognise (provider, duplicate key, links)', (_, url) => url.includes('/core/recognize/')],
  ['sha256 / HMAC (node:crypto)', (name, url) => url.includes('internal/crypto/') || name === 'createHash' || name === 'createHmac'],
  ['sqlite (better-sqlite3 + repositories)', (_, url) => url.includes('better-sqlite3') || url.includes('/core/store/')],
  ['worker messaging (piscina, MessagePort, structured clone)', (name, url) => url.includes('piscina') || url.includes('internal/worker') || url.includes('internal/per_context/messageport') || name === 'postMessage'],
  ['event emit (CoreEvents and listeners)', (_, url) => url.endsWith('node:events') || url.includes('/core/events.') || url.includes('bench/servers/')],
  ['analysis worker glue (tasks, batching)', (_, url) => url.includes('/core/isolation/')],
  ['http parsing (request line, headers, body stream)', (name, url) => /_http_(server|common|incoming)/.test(url) || name === 'execute' || name.startsWith('parserOn')],
  ['http response writing', (_, url) => url.includes('_http_outgoing')],
  ['socket and stream I/O (node:net, streams)', (_, url) => url.includes('node:net') || url.includes('internal/streams') || url.includes('stream_base_commons')],
  ['timers, nextTick, promises', (_, url) => url.includes('internal/timers') || url.includes('internal/process/task_queues') || url.includes('internal/process/promises')],
  ['Hookscope capture (listener, group commit, pipeline)', (_, url) => url.includes('/core/capture/')],
  ['Hookscope enrichment bookkeeping (arrival service)', (_, url) => url.includes('/core/arrival-service') || url.includes('/core/verification-service')],
  ['Hookscope core, other', (_, url) => url.includes('/electron/core/')],
];

export function categoryOf(stack: ProfileNode[]): string {
  const leaf = stack[0]!.callFrame;
  for (const [category, test] of leafRules) if (test(leaf.functionName, leaf.url)) return category;
  for (const frame of stack) {
    for (const [category, test] of frameRules) if (test(frame.callFrame.functionName, frame.callFrame.url)) return category;
  }
  return `other: ${leaf.functionName || '(anonymous)'} ${leaf.url.split('/').slice(-2).join('/')}`;
}
