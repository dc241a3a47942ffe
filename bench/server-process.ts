// Starts one row's server as its own process, pinned to a core of its own when the machine has two
// or more (taskset -c, given before exec so every thread it ever starts inherits the pin), and
// reads its CPU from /proc over its whole process tree.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { procAvailable, processTreeCpuMicros } from './cpu.js';
import { REQUEST_PATH } from './payload.js';
import { mockoonSetup } from './servers/mockoon.js';

export type ServerKind = { kind: 'node'; script: string; env?: Record<string, string> } | { kind: 'mockoon' };

export interface ServerStats {
  usage?: NodeJS.CpuUsage;
  /** The server's monotonic clock (process.hrtime), in µs. */
  monotonicMicros?: number;
  stored?: number;
  enriched?: number;
  valid?: number;
  recognised?: number;
  commits?: number;
  drainMs?: number;
}

export interface RunningServer {
  port: number;
  pid: number;
  /** CPU µs so far, all threads and descendants (/proc), or the process's own report elsewhere. */
  cpuMicros(): Promise<number>;
  stats(): Promise<ServerStats>;
  /** Waits until its work after the answers is done, then until its CPU stops moving. */
  drain(): Promise<ServerStats>;
  stop(): Promise<void>;
}

const cores = availableParallelism();
/** BENCH_PIN=0 turns pinning off. Server on the last core, load generator on the others. */
export const pinning = process.env.BENCH_PIN !== '0' && cores >= 2 && procAvailable;
const serverCore = String(cores - 1);

/** Pins this process (the load generator, every thread) away from the servers' core. */
export async function pinLoadGenerator(): Promise<void> {
  if (!pinning) return;
  const child = spawn('taskset', ['-a', '-p', '-c', `0-${cores - 2}`, String(process.pid)], { stdio: 'ignore' });
  await once(child, 'exit');
}

function pinned(argv: string[]): [string, string[]] {
  return pinning ? ['taskset', ['-c', serverCore, ...argv]] : [argv[0]!, argv.slice(1)];
}

async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as { port: number };
  probe.close();
  return port;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: REQUEST_PATH, headers: { 'content-type': 'application/json' } }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.end('{}');
  });
}

/** Polls until the CPU reading stops moving (less than one clock tick in 200 ms), at most 10 s. */
async function quiet(cpu: () => Promise<number>): Promise<void> {
  let last = await cpu();
  for (let waited = 0; waited < 10_000; waited += 200) {
    await sleep(200);
    const now = await cpu();
    if (now - last < 10_000) return;
    last = now;
  }
}

function ask(child: ChildProcess, type: 'stats' | 'drain'): Promise<ServerStats> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string } & ServerStats) => {
      if (message.type !== type) return;
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

async function exited(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await once(child, 'exit');
  clearTimeout(timer);
}

async function startNode(server: Extract<ServerKind, { kind: 'node' }>, execArgv: string[]): Promise<RunningServer> {
  const script = fileURLToPath(new URL(server.script, import.meta.url));
  const [command, args] = pinned([process.execPath, '--import', 'tsx', ...execArgv, script]);
  const child = spawn(command, args, { env: { ...process.env, ...server.env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ port: number }];
  const pid = child.pid!;
  const cpuMicros = async () => {
    if (procAvailable) return processTreeCpuMicros(pid);
    const usage = (await ask(child, 'stats')).usage!;
    return usage.user + usage.system;
  };
  return {
    port: ready.port,
    pid,
    cpuMicros,
    stats: () => ask(child, 'stats'),
    async drain() {
      const stats = await ask(child, 'drain');
      await quiet(cpuMicros);
      return stats;
    },
    async stop() {
      // A clean exit, so --cpu-prof can write its profiles.
      child.send({ type: 'stop' });
      await exited(child, 30_000);
    },
  };
}

async function startMockoon(): Promise<RunningServer> {
  const port = await freePort();
  const setup = mockoonSetup(port);
  const [command, args] = pinned([process.execPath, ...setup.argv]);
  const child = spawn(command, args, { env: { ...process.env, HOME: setup.home }, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let tries = 0; !(await answers(port)); tries++) {
    if (tries > 300 || child.exitCode !== null) throw new Error('bench: Mockoon CLI did not start');
    await sleep(100);
  }
  const pid = child.pid!;
  const cpuMicros = async () => (procAvailable ? processTreeCpuMicros(pid) : NaN);
  return {
    port,
    pid,
    cpuMicros,
    stats: async () => ({}),
    async drain() {
      await quiet(cpuMicros); // its transaction log is written asynchronously
      return {};
    },
    async stop() {
      child.kill('SIGTERM');
      await exited(child, 5_000);
    },
  };
}

export function startServer(server: ServerKind, execArgv: string[] = []): Promise<RunningServer> {
  return server.kind === 'node' ? startNode(server, execArgv) : startMockoon();
}
