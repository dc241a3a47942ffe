#!/usr/bin/env node
// `hookscope serve`: the core without Electron, with the inspector UI and the automation API on
// a loopback port. `hookscope listen`: the core without any UI, forwarding to a local app and
// printing a line per delivery. `hookscope trigger`: send a provider's event to your handler as the
// provider would (trigger-command.ts). The same core the desktop app runs; the tests drive them all.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseArgs as parseMethodArgs, type ForwardRule, type TunnelStatus } from '../contract/index.js';
import { defaultDataDir, packageRoot, startCore, version, type HookscopeCore } from '../core/index.js';
import { resolveApiToken, type ApiToken } from './api-token.js';
import { startControlServer } from './control-server.js';
import { printDeliveries } from './listen.js';
import { trigger, TRIGGER_USAGE, UsageError } from './trigger-command.js';
import { bodyLimitArg, maskedUrl, parseServeOptions, portArg, type ServeOptions } from './serve-options.js';

const USAGE = `Hookscope ${version} — webhook inspector

Usage:
  hookscope serve [options]     capture webhooks; inspector UI and API on a loopback port
  hookscope listen --forward-to URL [options]
                                capture webhooks and forward them to URL, a line per delivery; no UI
  hookscope trigger PROVIDER.EVENT --to URL [options]
                                send a provider's event to your handler as the provider would
  hookscope trigger PROVIDER.EVENT --fixture DIR [options]
                                write the event as a test fixture (files and tests) into DIR
  hookscope trigger --list      list the events trigger can send

Options (serve):
  --port N          capture listener port (default 4400; 0 = any free port)
  --host ADDR       capture listener address (default 127.0.0.1)
  --ui-port N       inspector UI and control API port, loopback only (default 4401)
  --data DIR        data folder (default ${defaultDataDir()})
  --token TOKEN     control API bearer token for this run (default: the one in DATA/api-token,
                    created on first start); never printed
  --body-limit N    largest body accepted, in bytes (default 104857600 = 100 MiB)
  --tunnel          open a public URL through localtunnel at start
  --tunnel-host URL the localtunnel server (default: the tunnel setting, else https://localtunnel.me)
  --subdomain NAME  the subdomain to ask for (default: the tunnel setting, else any)
  --tunnel-check S  seconds between self-checks through the public URL (default 30; 0 = off, for
                    networks where this machine cannot reach its own public URL)
  --team URL        join a team on this PostgreSQL (postgres://user:pass@host:5432/db; or
                    HOOKSCOPE_TEAM): shared endpoints' deliveries, replays and settings are shared
                    with every node on it (docs/team.md)
  --share-all       share every endpoint, not only those marked shared (dedicated capture nodes)
  --team-key-file F the team key (32 bytes, base64 or hex; or HOOKSCOPE_TEAM_KEY) that seals
                    shared signing secrets; without it this node sees deliveries but cannot verify
  -h, --help        show this help

Options (listen):
  --forward-to URL  where each delivery goes (http or https), in arrival order, one at a time
  --endpoint SLUG   the endpoint to forward (default: "default", which takes every path no other
                    endpoint claims); created if it does not exist
  --port N, --host ADDR, --data DIR, --body-limit N   as for serve
  --timeout S       seconds to wait for the target (default 30)
  --relay           answer senders with the target's response when it comes within the timeout
                    (default: the endpoint's own response, at once)
  --no-append-path  call URL exactly; by default the captured path after /<endpoint> and the query
                    are appended to it

${TRIGGER_USAGE.slice(TRIGGER_USAGE.indexOf('Options (trigger):'))}`;

/**
 * Ctrl-C and SIGTERM close cleanly (queued deliveries written, the database closed). Installed
 * before the banner: whoever reads the banner may signal at once (seen in tests under load, where
 * the default action killed the process before the handler existed).
 */
function closeOnSignals(close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nhookscope: ${signal}, closing\n`);
    await close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function fail(message: string): never {
  process.stderr.write(`hookscope: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function orFail<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    return fail((error as Error).message);
  }
}

async function serve(argv: string[]): Promise<void> {
  const options: ServeOptions = orFail(() => parseServeOptions(argv));
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const { dataDir } = options;
  let apiToken: ApiToken;
  try {
    apiToken = resolveApiToken(dataDir, options.token);
  } catch (error) {
    fail((error as Error).message);
  }
  const core = await startCore({
    dataDir,
    captureHost: options.host,
    capturePort: options.port,
    limits: options.bodyLimit === undefined ? undefined : { bodyLimitBytes: options.bodyLimit },
    tunnel: options.tunnelCheck === undefined ? undefined : { selfCheckIntervalMs: options.tunnelCheck * 1000 },
    team: options.team,
  }).catch((error: Error & { code?: string }) =>
    fail(error.code === 'EADDRINUSE' ? `the capture port is in use (${error.message}); pick another with --port` : error.message),
  );
  const rendererDir = join(packageRoot(), 'dist', 'renderer');
  const control = await startControlServer(core, {
    port: options.uiPort,
    token: apiToken.token,
    rendererDir: existsSync(join(rendererDir, 'index.html')) ? rendererDir : null,
  }).catch(async (error: Error & { code?: string }) => {
    await core.close();
    return fail(error.code === 'EADDRINUSE' ? `the UI port is in use (${error.message}); pick another with --ui-port` : error.message);
  });

  closeOnSignals(async () => {
    await control.close();
    await core.close();
  });
  const info = core.info();
  process.stdout.write(
    [
      `Hookscope ${version}`,
      `  Capture:   ${info.captureUrl}/<endpoint>  (any other path goes to the "default" endpoint)`,
      `  Inspector: ${control.signInUrl()}  (opens once, within 2 minutes)`,
      `  API:       ${control.url}/api  (Authorization: Bearer <token>)`,
      `  Token:     ${tokenHint(apiToken)}  (for scripts, and to sign a browser in)`,
      `  Data:      ${info.databaseFile}`,
      ...teamBanner(core, options),
      '',
    ].join('\n'),
  );

  if (options.tunnel || options.tunnelHost || options.subdomain) {
    await openTunnel(core, options.tunnelHost, options.subdomain);
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

}

function teamBanner(core: HookscopeCore, options: ServeOptions): string[] {
  if (!options.team) return [];
  const status = core.api['team.status']();
  const sharing = options.team.shareAll ? 'every endpoint' : 'endpoints marked shared';
  const key = status.teamKey ? 'team key loaded' : 'no team key: shared secrets cannot be opened, deliveries are not verified';
  return [`  Team:      ${maskedUrl(options.team.url)} as node ${status.node} (${sharing}; ${key})`];
}

/**
 * Where the token is, never the token itself: terminal scrollback and CI logs are read by more
 * people than the data folder. The same token signs a browser in on the inspector's token screen.
 */
function tokenHint({ source }: ApiToken): string {
  if (source.kind === 'option') return 'the --token you gave';
  return `in ${source.file}${source.created ? ' (created now)' : ''}`;
}

async function openTunnel(core: HookscopeCore, host: string | undefined, subdomain: string | undefined): Promise<void> {
  try {
    const status = await core.api['tunnel.start'](parseMethodArgs('tunnel.start', { host, subdomain }));
    if (status.state === 'connected') process.stdout.write(`  Public:    ${status.url}/<endpoint>\n`);
    else process.stdout.write(`hookscope: the tunnel is ${status.state}: ${status.lastError ?? 'unknown error'}\n${status.hints.map((h) => `  - ${h}\n`).join('')}`);
  } catch (error) {
    process.stdout.write(`hookscope: no tunnel: ${(error as Error).message}\n`);
  }
}

async function listen(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        'forward-to': { type: 'string' },
        endpoint: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'body-limit': { type: 'string' },
        timeout: { type: 'string' },
        relay: { type: 'boolean' },
        'append-path': { type: 'boolean', default: true },
        help: { type: 'boolean', short: 'h' },
      },
      allowNegative: true,
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
  const slug = values.endpoint ?? 'default';
  const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!(Number.isFinite(timeout) && timeout >= 0.1 && timeout <= 300)) fail('--timeout must be between 0.1 and 300 seconds');
  const bodyLimit = orFail(() => bodyLimitArg(values['body-limit']));
  if (values['forward-to'] === undefined) fail('listen needs --forward-to URL');
  // The same checks the API applies to an endpoint's forward rule.
  let rule: ForwardRule;
  try {
    rule = parseMethodArgs('endpoints.update', {
      slug,
      forward: {
        target: values['forward-to'],
        appendPath: values['append-path'],
        relayResponse: values.relay ?? false,
        timeoutMs: Math.round(timeout * 1000),
      },
    }).forward!;
  } catch (error) {
    fail((error as Error).message.replace(/^endpoints\.update: /, '--endpoint/--forward-to: '));
  }

  const dataDir = resolve(values.data ?? defaultDataDir());
  const core = await startCore({
    dataDir,
    captureHost: values.host ?? '127.0.0.1',
    capturePort: orFail(() => portArg(values.port, 4400, 'port')),
    limits: bodyLimit === undefined ? undefined : { bodyLimitBytes: bodyLimit },
    forwardOverrides: { [slug]: rule },
  }).catch((error: Error & { code?: string }) =>
    fail(error.code === 'EADDRINUSE' ? `the capture port is in use (${error.message}); pick another with --port` : error.message),
  );
  closeOnSignals(() => core.close());
  const known = core.api['endpoints.list']().endpoints.some((e) => e.slug === slug);
  if (!known) core.api['endpoints.create'](parseMethodArgs('endpoints.create', { slug }));
  const info = core.info();
  const captured = slug === 'default' ? `${info.captureUrl}/…` : `${info.captureUrl}/${slug}`;
  process.stdout.write(
    [
      `Hookscope ${version} listen`,
      `  Capture:   ${captured}${known ? '' : `  (endpoint "${slug}" created)`}`,
      `  Forward:   ${rule.target}${rule.appendPath ? ' (+ captured path and query)' : ''}, timeout ${rule.timeoutMs / 1000} s${rule.relayResponse ? ', target responses relayed' : ''}`,
      `  Data:      ${info.databaseFile}`,
      '  Ctrl-C to stop. time, method, path, size, signature → target status, latency:',
      '',
    ].join('\n'),
  );
  printDeliveries(core, slug, (line) => process.stdout.write(`${line}\n`));

}

const [command, ...rest] = process.argv.slice(2);
if (command === undefined || command === '-h' || command === '--help') process.stdout.write(USAGE);
else if (command === 'serve') await serve(rest);
else if (command === 'listen') await listen(rest);
else if (command === 'trigger') process.exitCode = await trigger(rest).catch((error: unknown) => (error instanceof UsageError ? fail(error.message) : Promise.reject(error)));
else fail(`unknown command "${command}"`);
