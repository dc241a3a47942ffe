// A throwaway PostgreSQL cluster for the team tests: Debian's server binaries, initdb in a temp
// folder, trust authentication, loopback only on a free port, the unix socket inside the folder.
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` system user.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Where Debian (and the PGDG packages) put the server binaries; HOOKSCOPE_PG_BIN overrides. */
export function postgresBinDir(): string | null {
  const candidates = [process.env.HOOKSCOPE_PG_BIN, '/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
  return candidates.find((dir) => dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

/** Why the team tests cannot run here, or null when they can. */
export function postgresUnavailable(): string | null {
  if (!postgresBinDir()) return 'PostgreSQL server binaries not found (apt-get install postgresql, or set HOOKSCOPE_PG_BIN)';
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' });
    } catch {
      return 'running as root and there is no "postgres" user to run the server as';
    }
  }
  return null;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface TestPostgres {
  port: number;
  /** A connection URL for a database of this cluster. */
  url(database?: string): string;
  /** A fresh empty database; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Runs one query against a database (assertions read PostgreSQL directly). */
  query<R extends pg.QueryResultRow>(url: string, sql: string, params?: unknown[]): Promise<R[]>;
  /** Stops the server (fast: connections are cut, as in an outage). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops and removes everything. */
  destroy(): Promise<void>;
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL binaries');
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'hookscope-pg-'));
  const data = join(dir, 'data');
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    await chown(dir, uid, gid);
  }
  await chmod(dir, 0o700);
  const as = (cmd: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]) : run(join(bin, cmd), args));
  await as('initdb', ['-D', data, '-A', 'trust', '-U', 'hookscope', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // fsync off: a test cluster that dies with the test needs no durability, and it saves the CI disk;
  // small shared buffers: several test files may run a cluster each at once.
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60 -c shared_buffers=16MB`;
  const start = () => as('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '30', 'start']).then(() => undefined);
  const stop = () => as('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']).then(() => undefined);
  await start();
  let running = true;
  const url = (database = 'postgres') => `postgres://hookscope@127.0.0.1:${port}/${database}`;
  const query = async <R extends pg.QueryResultRow>(target: string, sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    port,
    url,
    async createDatabase(name) {
      await query(url(), `CREATE DATABASE ${name}`);
      return url(name);
    },
    query,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
