// `hookscope serve`'s options, parsed and checked in one place; cli.ts only dispatches. A bad
// option throws OptionError with the message the user sees above the usage.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AesGcmSecretBox, defaultDataDir, parseTeamKey, type TeamOptions } from '../core/index.js';

export class OptionError extends Error {}

export interface ServeOptions {
  help: boolean;
  dataDir: string;
  host: string;
  port: number;
  uiPort: number;
  token: string | undefined;
  bodyLimit: number | undefined;
  tunnel: boolean;
  tunnelHost: string | undefined;
  subdomain: string | undefined;
  tunnelCheck: number | undefined;
  team: TeamOptions | undefined;
}

export function portArg(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new OptionError(`--${name} must be a port number, not "${value}"`);
  return port;
}

export function bodyLimitArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number(value);
  if (!(Number.isInteger(limit) && limit > 0)) throw new OptionError('--body-limit must be a positive number of bytes');
  return limit;
}

export function parseServeOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): ServeOptions {
  let values;
  try {
    ({ values } = parseArgs({
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
        team: { type: 'string' },
        'share-all': { type: 'boolean' },
        'team-key-file': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new OptionError((error as Error).message);
  }
  const tunnelCheck = values['tunnel-check'] === undefined ? undefined : Number(values['tunnel-check']);
  if (tunnelCheck !== undefined && !(Number.isInteger(tunnelCheck) && tunnelCheck >= 0)) throw new OptionError('--tunnel-check must be a whole number of seconds');
  return {
    help: values.help ?? false,
    dataDir: resolve(values.data ?? defaultDataDir()),
    host: values.host ?? '127.0.0.1',
    port: portArg(values.port, 4400, 'port'),
    uiPort: portArg(values['ui-port'], 4401, 'ui-port'),
    token: values.token,
    bodyLimit: bodyLimitArg(values['body-limit']),
    tunnel: values.tunnel ?? false,
    tunnelHost: values['tunnel-host'],
    subdomain: values.subdomain,
    tunnelCheck,
    team: teamOptions(values.team ?? env.HOOKSCOPE_TEAM, values['share-all'] ?? false, values['team-key-file'], env),
  };
}

/** `--team URL` (or HOOKSCOPE_TEAM), `--share-all`, and the team key from `--team-key-file F` or HOOKSCOPE_TEAM_KEY. */
function teamOptions(url: string | undefined, shareAll: boolean, keyFile: string | undefined, env: NodeJS.ProcessEnv): TeamOptions | undefined {
  if (url === undefined) {
    if (shareAll || keyFile !== undefined) throw new OptionError('--share-all and --team-key-file need --team postgres://…');
    return undefined;
  }
  if (!/^postgres(ql)?:\/\//.test(url)) throw new OptionError('--team takes a PostgreSQL URL: postgres://user:password@host:5432/database');
  let keyText: string | undefined;
  try {
    keyText = keyFile !== undefined ? readFileSync(keyFile, 'utf8') : env.HOOKSCOPE_TEAM_KEY;
  } catch (error) {
    throw new OptionError(`cannot read the team key file: ${(error as Error).message}`);
  }
  let teamBox: AesGcmSecretBox | null = null;
  if (keyText !== undefined && keyText.trim() !== '') {
    try {
      teamBox = new AesGcmSecretBox(parseTeamKey(keyText));
    } catch (error) {
      throw new OptionError((error as Error).message);
    }
  }
  const pollMs = env.HOOKSCOPE_TEAM_POLL_MS === undefined ? undefined : Number(env.HOOKSCOPE_TEAM_POLL_MS);
  return { url, shareAll, teamBox, pollMs: pollMs !== undefined && pollMs >= 50 ? pollMs : undefined };
}

/** The URL with its password masked, for the banner. */
export function maskedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
