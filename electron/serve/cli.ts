#!/usr/bin/env node
// `hookscope serve`: the core without Electron, with the inspector UI and the automation API on
// a loopback port. The same core the desktop app runs; the tests drive this.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseArgs as parseMethodArgs, type TunnelStatus } from '../contract/index.js';
import { startCore, version, type HookscopeCore } from '../core/core.js';
import { defaultDataDir, packageRoot } from '../core/paths.js';
import { startControlServer } from './control-server.js';

const USAGE = `Hookscope ${version} — webhook inspector

Usage:
  hookscope serve [options]     capture webhooks; inspector UI and API on a loopback port

Options:
  --port N          capture listener port (default 4400; 0 = any free port)
  --host ADDR       capture listener address (default 127.0.0.1)
  --ui-port N       inspector UI and control API port, loopback only (default 4401)
  --data DIR        data folder (default ${defaultDataDir()})
  --token TOKEN     control API bearer token (default: random for each start)
  --body-limit N    largest body accepted, in bytes (default 104857600 = 100 MiB)
  --tunnel          open a public URL through localtunnel at start
  --tunnel-host URL the localtunnel server (default: the tunnel setting, else https://localtunnel.me)
  --subdomain NAME  the subdomain to ask for (default: the tunnel setting, else any)
  --tunnel-check S  seconds between self-checks through the public URL (default 30; 0 = off, for
                    networks where this machine cannot reach its own public URL)
  -h, --help        show this help
`;

function fail(message: string): never {
  process.stderr.write(`hookscope: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function portArg(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--${name} must be a port number, not "${value}"`);
  return port;
}

async function serve(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'ui-port': { type: 'string' },
        data: { type: 'string' },
        token: { type: 'string' },
        'body-limit': { type: 'string' },
        tunnel: { type: 'boolean' },
        'tunnel-host': { type: 'string' },
        subdomain: { type: 'string' },
        'tunnel-check': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const bodyLimit = values['body-limit'] === undefined ? undefined : Number(values['body-limit']);
  if (bodyLimit !== undefined && !(Number.isInteger(bodyLimit) && bodyLimit > 0)) fail('--body-limit must be a positive number of bytes');
  const token = values.token ?? randomBytes(24).toString('base64url');
  if (!/^[\x21-\x7e]{8,}$/.test(token)) fail('--token must be at least 8 printable characters without spaces');

  const tunnelCheck = values['tunnel-check'] === undefined ? undefined : Number(values['tunnel-check']);
  if (tunnelCheck !== undefined && !(Number.isInteger(tunnelCheck) && tunnelCheck >= 0)) fail('--tunnel-check must be a whole number of seconds');
  const dataDir = resolve(values.data ?? defaultDataDir());
  const core = await startCore({
    dataDir,
    captureHost: values.host ?? '127.0.0.1',
    capturePort: portArg(values.port, 4400, 'port'),
    limits: bodyLimit === undefined ? undefined : { bodyLimitBytes: bodyLimit },
    tunnel: tunnelCheck === undefined ? undefined : { selfCheckIntervalMs: tunnelCheck * 1000 },
  }).catch((error: Error & { code?: string }) =>
    fail(error.code === 'EADDRINUSE' ? `the capture port is in use (${error.message}); pick another with --port` : error.message),
  );
  const rendererDir = join(packageRoot(), 'dist', 'renderer');
  const control = await startControlServer(core, {
    port: portArg(values['ui-port'], 4401, 'ui-port'),
    token,
    rendererDir: existsSync(join(rendererDir, 'index.html')) ? rendererDir : null,
  }).catch(async (error: Error & { code?: string }) => {
    await core.close();
    return fail(error.code === 'EADDRINUSE' ? `the UI port is in use (${error.message}); pick another with --ui-port` : error.message);
  });

  const info = core.info();
  process.stdout.write(
    [
      `Hookscope ${version}`,
      `  Capture:   ${info.captureUrl}/<endpoint>  (any other path goes to the "default" endpoint)`,
      `  Inspector: ${control.url}/#token=${token}`,
      `  API:       ${control.url}/api  (Authorization: Bearer ${token})`,
      `  Data:      ${info.databaseFile}`,
      '',
    ].join('\n'),
  );

  if (values.tunnel || values['tunnel-host'] || values.subdomain) {
    await openTunnel(core, values['tunnel-host'], values.subdomain);
  }
  core.events.subscribe(({ event, data }) => {
    if (event !== 'tunnel.changed') return;
    const status = data as TunnelStatus;
    if (status.urlChanged && status.state === 'connected') {
      process.stdout.write(`hookscope: the public URL CHANGED to ${status.url} (was ${status.previousUrl}): update the senders' dashboards\n`);
    } else if (status.state === 'reconnecting' || status.state === 'down') {
      process.stdout.write(`hookscope: tunnel ${status.state}${status.lastError ? `: ${status.lastError}` : ''}\n`);
    }
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nhookscope: ${signal}, closing\n`);
    await control.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function openTunnel(core: HookscopeCore, host: string | undefined, subdomain: string | undefined): Promise<void> {
  try {
    const status = await core.api['tunnel.start'](parseMethodArgs('tunnel.start', { host, subdomain }));
    if (status.state === 'connected') process.stdout.write(`  Public:    ${status.url}/<endpoint>\n`);
    else process.stdout.write(`hookscope: the tunnel is ${status.state}: ${status.lastError ?? 'unknown error'}\n`);
  } catch (error) {
    process.stdout.write(`hookscope: no tunnel: ${(error as Error).message}\n`);
  }
}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || command === '-h' || command === '--help') process.stdout.write(USAGE);
else if (command === 'serve') await serve(rest);
else fail(`unknown command "${command}"`);
