// Pure decisions of the tunnel supervisor: what the tunnel server's answer means, how long to wait
// before the next try, whether the URL moved. No I/O here, so each rule is table-tested.
import { isIP } from 'node:net';

// The status shape is the contract's: the UI shows exactly what the supervisor reports.
export type { TunnelErrorCode, TunnelState, TunnelStatus } from '../../contract/index.js';
import type { TunnelErrorCode } from '../../contract/index.js';

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me';

/** The rule localtunnel servers apply to a requested subdomain (server.js); asking for anything else gets a 403. */
const SUBDOMAIN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

export function isValidSubdomain(subdomain: string): boolean {
  return SUBDOMAIN.test(subdomain);
}

/** Why a subdomain would be refused, in words for the UI, or null when it is acceptable. */
export function subdomainProblem(subdomain: string): string | null {
  if (isValidSubdomain(subdomain)) return null;
  return `invalid subdomain "${subdomain}": use 4 to 63 lowercase letters, digits and hyphens, not starting or ending with a hyphen`;
}

/** Checks the tunnel server option: an http(s) origin (a path is allowed, credentials are not). */
export function hostProblem(host: string): string | null {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return `invalid tunnel server "${host}": expected a URL such as ${DEFAULT_TUNNEL_HOST}`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `invalid tunnel server "${host}": only http and https are supported`;
  if (url.username || url.password) return `invalid tunnel server "${host}": credentials in the URL are not supported`;
  return null;
}

/**
 * Exponential backoff with a little jitter (so many clients of one server do not retry in step):
 * attempt 0 waits about initialMs, each next one twice as long, never more than maxMs.
 */
export function backoffDelay(attempt: number, backoff: BackoffOptions, random: () => number = Math.random): number {
  const exponential = backoff.initialMs * 2 ** Math.min(attempt, 30);
  const capped = Math.min(backoff.maxMs, exponential);
  // 80–100 % of the step: jitter without ever waiting longer than the cap.
  return Math.round(capped * (0.8 + 0.2 * random()));
}

/** What the tunnel server assigned, checked: nothing it says is trusted beyond these fields. */
export interface TunnelAssignment {
  id: string;
  /** The TCP port on the tunnel server the client connects its sockets to. */
  port: number;
  url: string;
  /** How many sockets to keep open, clamped to 1..MAX_TUNNEL_SOCKETS. */
  maxConn: number;
  /** An IP address to connect the sockets to instead of the host's name (servers behind a proxy). */
  ip: string | null;
}

/** A hostile or broken server must not make us open thousands of sockets. */
export const MAX_TUNNEL_SOCKETS = 10;

export class TunnelServerError extends Error {
  /** True when retrying the same request cannot help (bad subdomain, not a localtunnel server). */
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'TunnelServerError';
    this.permanent = permanent;
  }
}

/**
 * Reads the tunnel server's answer to `GET /<subdomain>` (or `/?new`). The server is a third party:
 * only the fields the client needs are taken, each checked.
 */
export function parseAssignment(status: number, body: string, host: string, hostIsLoopback: boolean): TunnelAssignment {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const record = json !== null && typeof json === 'object' ? (json as Record<string, unknown>) : undefined;
  if (status !== 200) {
    const message = typeof record?.message === 'string' ? record.message.slice(0, 300) : `HTTP ${status}`;
    // 4xx: the request itself is wrong (invalid subdomain, refused); 5xx: the server is struggling.
    const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
    throw new TunnelServerError(`the tunnel server ${host} refused the tunnel: ${message}${message.startsWith('HTTP') ? '' : ` (HTTP ${status})`}`, permanent);
  }
  if (!record) {
    throw new TunnelServerError(`the tunnel server ${host} did not answer with tunnel details (is it a localtunnel server?)`, true);
  }
  const { id, port, url, max_conn_count: maxConn, ip } = record;
  if (typeof id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/i.test(id)) {
    throw new TunnelServerError(`the tunnel server ${host} answered without a valid tunnel id`, true);
  }
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new TunnelServerError(`the tunnel server ${host} answered without a valid tunnel port`, true);
  }
  if (typeof url !== 'string' || !isHttpUrl(url)) {
    throw new TunnelServerError(`the tunnel server ${host} answered without a valid public URL`, true);
  }
  return {
    id,
    port,
    url: url.replace(/\/+$/, ''),
    maxConn: typeof maxConn === 'number' && Number.isFinite(maxConn) ? Math.max(1, Math.min(MAX_TUNNEL_SOCKETS, Math.floor(maxConn))) : 1,
    ip: acceptableIp(ip, hostIsLoopback),
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The client connects its sockets to `ip` when the server sends one. A server on the internet may not
 * point them at this machine or its local network (they would carry our listener's traffic there).
 */
function acceptableIp(ip: unknown, hostIsLoopback: boolean): string | null {
  if (typeof ip !== 'string' || isIP(ip) === 0) return null;
  if (hostIsLoopback) return ip;
  return isLocalAddress(ip) ? null : ip;
}

export function isLoopbackHost(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || bare === '::1' || /^127\./.test(bare);
}

function isLocalAddress(ip: string): boolean {
  const v4 = ip.replace(/^::ffff:/i, '');
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = ip.toLowerCase();
  return lower === '::' || lower === '::1' || lower.startsWith('fe80:') || lower.startsWith('fc') || lower.startsWith('fd');
}

/**
 * The URL a requested subdomain would have had on this server, derived from the URL it actually
 * gave (`https://<id>.loca.lt` → `https://<wanted>.loca.lt`); null when the shapes do not match.
 */
export function urlForSubdomain(assignedUrl: string, assignedId: string, wanted: string): string | null {
  try {
    const url = new URL(assignedUrl);
    const [first, ...rest] = url.hostname.split('.');
    if (first !== assignedId.toLowerCase() || rest.length === 0) return null;
    url.hostname = [wanted, ...rest].join('.');
    return url.href.replace(/\/+$/, '');
  } catch {
    return null;
  }
}

/**
 * Did this (re)connect move the public URL? `before` is the URL of the previous connection, if any;
 * on a first connection a granted subdomain other than the one asked for counts as a move.
 */
export function urlChange(
  before: string | null,
  assigned: { url: string; id: string },
  requestedSubdomain: string | null,
): { urlChanged: boolean; previousUrl: string | null } {
  if (before !== null) return before === assigned.url ? { urlChanged: false, previousUrl: null } : { urlChanged: true, previousUrl: before };
  if (requestedSubdomain && requestedSubdomain !== assigned.id) {
    return { urlChanged: true, previousUrl: urlForSubdomain(assigned.url, assigned.id, requestedSubdomain) };
  }
  return { urlChanged: false, previousUrl: null };
}

// ---- Failures to open, in words -------------------------------------------------------------

/** Resolver failures: no such name (ENOTFOUND, EAI_NONAME), or no answer from DNS now (EAI_AGAIN, EAI_FAIL). */
const DNS_ERROR_CODES = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_NODATA', 'EAI_AGAIN', 'EAI_FAIL']);

export interface Unreachable {
  code: Extract<TunnelErrorCode, 'dns' | 'refused'>;
  /** The system's code, e.g. ENOTFOUND, for people who search for it. */
  systemCode: string;
}

/**
 * The tunnel server cannot be reached at all: its name does not resolve, or its address refuses
 * connections. Asking again a second later will not help, so a first open reports it at once.
 * Looks through AggregateError (Node tries IPv4 and IPv6 in turn) and `cause`; localtunnel's own
 * socket error carries no code, only the words "connection refused:".
 */
export function unreachableCause(error: unknown, depth = 0): Unreachable | null {
  if (!(error instanceof Error) || depth > 3) return null;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && DNS_ERROR_CODES.has(code)) return { code: 'dns', systemCode: code };
  if (code === 'ECONNREFUSED' || /^connection refused:/.test(error.message)) return { code: 'refused', systemCode: 'ECONNREFUSED' };
  const inner = [...(error instanceof AggregateError ? error.errors : []), error.cause];
  for (const e of inner) {
    const found = unreachableCause(e, depth + 1);
    if (found) return found;
  }
  return null;
}

/** What an unreachable tunnel server means, in words, for the status line. */
export function unreachableMessage(host: string, cause: Unreachable): string {
  const url = new URL(host);
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return cause.code === 'dns'
    ? `could not open a tunnel with ${host}: the name ${url.hostname} could not be looked up (${cause.systemCode}); this computer may be offline, or its DNS cannot resolve that name`
    : `could not open a tunnel with ${host}: ${url.hostname}:${port} refused the connection (${cause.systemCode}); no tunnel server is listening there`;
}

const SELF_HOSTED_HINT =
  'Use a self-hosted localtunnel server: start serve with --tunnel-host https://your-server, or set the tunnel server in the settings.';
const OWN_URL_HINT =
  'Or run your own tunnel (ngrok, cloudflared, …) and set its public URL as the publicUrl setting: Hookscope then opens none.';

/** The next steps for a failure to open a tunnel, one sentence each; [] for failures they do not help with. */
export function tunnelHints(code: TunnelErrorCode | null, host: string): string[] {
  if (code === null) return [];
  const name = hostnameOf(host);
  const first: Record<TunnelErrorCode, string> = {
    dns: `Check this computer's network connection and DNS: ${name} must resolve (a VPN or captive portal can prevent it).`,
    refused: `Check the network and the tunnel server address: nothing accepts connections at ${host} (a firewall, or a server that is not running).`,
    timeout: `Check the network: ${name} did not answer in time (a firewall or proxy may be holding the connection).`,
    server: `The tunnel server ${name} answered but gave no tunnel: try again later, or another subdomain.`,
  };
  return [first[code], SELF_HOSTED_HINT, OWN_URL_HINT];
}

function hostnameOf(host: string): string {
  try {
    return new URL(host).hostname;
  } catch {
    return host;
  }
}
