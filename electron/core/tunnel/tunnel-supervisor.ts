// Threat model: this file listens on nothing; it makes outbound connections only: an HTTP(S) GET to
// the tunnel server (localtunnel.me by default, a third party) to ask for a tunnel, up to
// MAX_TUNNEL_SOCKETS plain-TCP sockets to the port the server names, and self-check GETs through the
// public URL. The tunnel server is trusted to forward traffic and nothing more: its negotiation
// answer is validated field by field (id, port, URL, socket count clamped, an `ip` pointing into this
// machine or its network refused), and the bytes it forwards go untouched to the core's tunnel
// listener, which treats them as hostile input (capture/listener.ts) and marks them viaTunnel —
// they arrive from 127.0.0.1, so "came from loopback" proves nothing. Anyone who knows the public URL
// can send, including to the self-check path: selfCheckResponse() answers only a 128-bit nonce this
// supervisor has outstanding for the length of one check, so the path cannot be used to keep a
// request out of the inspector, and its answer reveals nothing. The client's local side connects to
// "localhost" (local_host is never set: it corrupts binary bodies), so a local process that binds the
// tunnel listener's port on ::1 could receive tunnel traffic; local processes are out of scope.
//
// Supervision, because the client does none: opening is bounded by openTimeoutMs and aborted on
// stop(); every client 'error' is handled (an unhandled one kills the process); a dead tunnel is
// noticed by the client's error/close, by its sockets all closing, and by the periodic self-check;
// it is re-opened with exponential backoff asking for the same subdomain, and a different URL is
// reported (urlChanged, previousUrl). A first open that cannot reach the server at all (its name
// does not resolve, its port refuses) ends at once with the cause in words and next steps (hints);
// re-opens keep retrying such failures, since a dropped network often comes back.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { createLocaltunnelClient, type LocaltunnelClient } from './localtunnel-client.js';
import { defaultTunnelFetch, type TunnelFetch } from './tunnel-fetch.js';
import {
  backoffDelay,
  DEFAULT_TUNNEL_HOST,
  hostProblem,
  isLoopbackHost,
  parseAssignment,
  subdomainProblem,
  TunnelServerError,
  tunnelHints,
  unreachableCause,
  unreachableMessage,
  urlChange,
  type BackoffOptions,
  type TunnelAssignment,
  type TunnelErrorCode,
  type TunnelStatus,
} from './tunnel-policy.js';

export interface TunnelOptions {
  /** The localtunnel server; default https://localtunnel.me. */
  host?: string;
  /** Asked for on the first open; afterwards the supervisor asks for the subdomain it last held. */
  subdomain?: string;
  /** The core's tunnel capture listener (viaTunnel: true) on 127.0.0.1. */
  localPort: number;
  /** Never set localtunnel's local_host: it re-encodes the first chunk as UTF-8 and corrupts binary/gzip bodies. */
  localHost?: never;
  /** Bound on one open: asking the server for a tunnel plus the first socket connecting. Default 15000. */
  openTimeoutMs?: number;
  /** Self-check period; 0 turns the self-check off. Default 30000. */
  selfCheckIntervalMs?: number;
  /** Bound on one self-check. Default min(10000, selfCheckIntervalMs). */
  selfCheckTimeoutMs?: number;
  /** Consecutive failed self-checks before the tunnel is declared dead. Default 2. */
  selfCheckFailures?: number;
  /** Self-checks GET `<public URL><prefix><nonce>`; the core answers them with selfCheckResponse(). */
  selfCheckPathPrefix?: string;
  /** Delay before re-opening a dropped tunnel; doubles per failed try. Default {initialMs: 2000, maxMs: 60000}. */
  backoff?: BackoffOptions;
  /** Clock for `since` (injected in tests). */
  now?: () => number;
  /** Every HTTP request the supervisor makes: negotiation with the tunnel server and self-checks. */
  fetch?: TunnelFetch;
  /** Jitter source for the backoff. */
  random?: () => number;
}

export type TunnelStatusListener = (status: TunnelStatus) => void;

export interface SelfCheckAnswer {
  status: number;
  headers: [string, string][];
  body: string;
}

export const DEFAULT_SELF_CHECK_PATH_PREFIX = '/__hookscope/tunnel-check/';

const DEFAULTS = {
  openTimeoutMs: 15_000,
  selfCheckIntervalMs: 30_000,
  selfCheckFailures: 2,
  backoff: { initialMs: 2_000, maxMs: 60_000 },
};
/** How often a failed negotiation is retried within one open (the client's own pace). */
const NEGOTIATION_RETRY_MS = 1_000;
/** After the last tunnel socket closed, how long the client gets to open a new one. */
const NO_SOCKETS_GRACE_MS = 3_000;
/** After a failed self-check, the next one comes sooner. */
const SELF_CHECK_RETRY_MS = 5_000;
const USER_AGENT = 'hookscope-tunnel';

interface ResolvedOptions {
  host: string;
  subdomain: string | null;
  localPort: number;
  openTimeoutMs: number;
  selfCheckIntervalMs: number;
  selfCheckTimeoutMs: number;
  selfCheckFailures: number;
  selfCheckPathPrefix: string;
  backoff: BackoffOptions;
  fetch: TunnelFetch;
  random: () => number;
}

/** One opened localtunnel client and the sockets it holds. */
interface Live {
  client: LocaltunnelClient;
  assignment: TunnelAssignment;
  sockets: Set<Socket>;
  /** 'opening' until the first socket connected; 'up' once handed to the session. */
  phase: 'opening' | 'up';
  disposed: boolean;
  noSocketsTimer?: NodeJS.Timeout;
  /** Set while opening: fails the open. */
  failOpen?: (error: Error) => void;
}

/** One start() … stop(). */
interface Session {
  options: ResolvedOptions;
  abort: AbortController;
  live: Live | null;
  lastUrl: string | null;
  lastId: string | null;
  reconnectAttempt: number;
  selfCheckFailures: number;
  reconnectTimer?: NodeJS.Timeout;
  selfCheckTimer?: NodeJS.Timeout;
}

class TunnelStoppedError extends Error {
  constructor() {
    super('the tunnel was stopped');
    this.name = 'TunnelStoppedError';
  }
}

/** A failed open, with the kind of failure the status reports. */
class TunnelOpenError extends Error {
  constructor(
    message: string,
    readonly code: TunnelErrorCode,
  ) {
    super(message);
    this.name = 'TunnelOpenError';
  }
}

class OpenTimeoutError extends Error {
  constructor() {
    super('open timed out');
    this.name = 'OpenTimeoutError';
  }
}

export class TunnelSupervisor {
  #now: () => number;
  #status: TunnelStatus;
  #session: Session | null = null;
  readonly #listeners = new Set<TunnelStatusListener>();
  readonly #pendingChecks = new Set<string>();
  #selfCheckPrefix = DEFAULT_SELF_CHECK_PATH_PREFIX;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#status = {
      state: 'down',
      url: null,
      host: DEFAULT_TUNNEL_HOST,
      subdomain: null,
      since: new Date(this.#now()).toISOString(),
      lastError: null,
      errorCode: null,
      hints: [],
      urlChanged: false,
      previousUrl: null,
    };
  }

  status(): TunnelStatus {
    return { ...this.#status, hints: [...this.#status.hints] };
  }

  /** Called on every status change. Returns the unsubscribe function. */
  on(event: 'status', listener: TunnelStatusListener): () => void {
    if (event !== 'status') throw new TypeError(`unknown tunnel event "${String(event)}"`);
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  off(event: 'status', listener: TunnelStatusListener): void {
    if (event === 'status') this.#listeners.delete(listener);
  }

  /**
   * Opens the tunnel. Resolves once connected, or 'down' with lastError when the first open fails
   * (never later than openTimeoutMs; at once when the server's name does not resolve or its port
   * refuses). A tunnel that drops after that is re-opened until stop().
   * Starting again stops the running tunnel first.
   */
  async start(options: TunnelOptions): Promise<TunnelStatus> {
    if (this.#session) await this.stop();
    if (options.now) this.#now = options.now;
    const resolved = resolveOptions(options);
    const session: Session = {
      options: resolved,
      abort: new AbortController(),
      live: null,
      lastUrl: null,
      lastId: null,
      reconnectAttempt: 0,
      selfCheckFailures: 0,
    };
    this.#session = session;
    this.#selfCheckPrefix = resolved.selfCheckPathPrefix;
    this.#set({ state: 'connecting', url: null, host: resolved.host, subdomain: resolved.subdomain, ...NO_ERROR, urlChanged: false, previousUrl: null });

    const problem = optionsProblem(options, resolved);
    if (problem) {
      this.#end(session, { lastError: problem, errorCode: null, hints: [] });
      return this.status();
    }
    try {
      const live = await this.#open(session, resolved.subdomain, { failFast: true });
      if (this.#session !== session) this.#dispose(live);
      else this.#connected(session, live);
    } catch (error) {
      if (this.#session === session) this.#end(session, failureOf(error, resolved.host));
    }
    return this.status();
  }

  /** Closes the tunnel and cancels any open or reconnect in progress. */
  async stop(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    this.#session = null;
    this.#teardown(session);
    this.#set({ state: 'down', url: null, ...NO_ERROR, urlChanged: false, previousUrl: null });
  }

  /**
   * For the core's tunnel listener: the answer to a self-check request, or null for any other request
   * (capture it as usual). Only a check this supervisor has in flight is answered.
   */
  selfCheckResponse(method: string | undefined, rawUrl: string | undefined): SelfCheckAnswer | null {
    if (method !== 'GET' || !rawUrl?.startsWith(this.#selfCheckPrefix)) return null;
    const nonce = rawUrl.slice(this.#selfCheckPrefix.length);
    if (!this.#pendingChecks.has(nonce)) return null;
    return {
      status: 200,
      headers: [
        ['Content-Type', 'text/plain; charset=utf-8'],
        ['Cache-Control', 'no-store'],
      ],
      body: selfCheckBody(nonce),
    };
  }

  // ---- opening ----

  /**
   * One bounded open: negotiate (retrying network failures, unless `failFast` and the server is
   * unreachable), then wait for the first socket.
   */
  async #open(session: Session, subdomain: string | null, { failFast }: { failFast: boolean }): Promise<Live> {
    const { options } = session;
    const attempt = new AbortController();
    const onStop = () => attempt.abort(new TunnelStoppedError());
    session.abort.signal.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(() => attempt.abort(new OpenTimeoutError()), options.openTimeoutMs);
    try {
      const assignment = await this.#negotiate(options, subdomain, attempt.signal, failFast);
      return await this.#connectSockets(session, assignment, subdomain, attempt.signal);
    } finally {
      clearTimeout(timer);
      session.abort.signal.removeEventListener('abort', onStop);
    }
  }

  async #negotiate(options: ResolvedOptions, subdomain: string | null, signal: AbortSignal, failFast: boolean): Promise<TunnelAssignment> {
    const uri = `${options.host}/${subdomain ?? '?new'}`;
    const loopback = isLoopbackHost(new URL(options.host).hostname);
    let lastError: unknown = null;
    for (;;) {
      if (signal.aborted) throw openFailure(options, signal, lastError);
      try {
        const response = await options.fetch(uri, { headers: { accept: 'application/json', 'user-agent': USER_AGENT }, signal });
        return parseAssignment(response.status, response.body, options.host, loopback);
      } catch (error) {
        if (error instanceof TunnelServerError && error.permanent) throw error;
        const unreachable = failFast ? unreachableCause(error) : null;
        if (unreachable) throw new TunnelOpenError(unreachableMessage(options.host, unreachable), unreachable.code);
        if (signal.aborted) throw openFailure(options, signal, lastError ?? (isAbort(error) ? null : error));
        lastError = error;
        await sleep(NEGOTIATION_RETRY_MS, signal);
      }
    }
  }

  #connectSockets(session: Session, assignment: TunnelAssignment, subdomain: string | null, signal: AbortSignal): Promise<Live> {
    const { options } = session;
    const client = createLocaltunnelClient({ host: options.host, localPort: options.localPort, subdomain }, assignment);
    const live: Live = { client, assignment, sockets: new Set(), phase: 'opening', disposed: false };
    // Attached before open() and never removed: a socket that fails after we closed the client still
    // emits 'error' on it, and an 'error' without a listener would throw.
    client.on('error', (error: Error) => {
      if (live.disposed) return;
      if (live.phase === 'opening') live.failOpen?.(new Error(`the tunnel connection to the server failed: ${error.message}`, { cause: error }));
      else this.#broken(session, live, `the tunnel connection to the server failed: ${error.message}`);
    });
    client.on('close', () => {
      if (!live.disposed && live.phase === 'up') this.#broken(session, live, 'the tunnel client closed');
    });

    return new Promise<Live>((resolve, reject) => {
      const done = () => {
        live.failOpen = undefined;
        signal.removeEventListener('abort', onAbort);
      };
      live.failOpen = (error) => {
        done();
        this.#dispose(live);
        reject(error);
      };
      const onAbort = () =>
        live.failOpen?.(openFailure(options, signal, new Error(`no tunnel socket connected to ${new URL(options.host).hostname}:${assignment.port}`)));
      signal.addEventListener('abort', onAbort, { once: true });
      client.once('url', () => {
        if (live.disposed || !live.failOpen) return;
        done();
        live.phase = 'up';
        resolve(live);
      });
      try {
        client.open((error) => {
          if (error) live.failOpen?.(error);
        });
      } catch (error) {
        live.failOpen?.(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      client.tunnelCluster?.on('open', (remote: Socket) => this.#track(session, live, remote));
      if (signal.aborted) onAbort();
    });
  }

  /** Counts the client's sockets: when all are gone and none comes back, the tunnel is dead. */
  #track(session: Session, live: Live, remote: Socket): void {
    if (live.disposed) return;
    live.sockets.add(remote);
    clearTimeout(live.noSocketsTimer);
    remote.once('close', () => {
      live.sockets.delete(remote);
      if (!live.disposed && live.sockets.size === 0) this.#watchForNoSockets(session, live);
    });
  }

  /** The client re-opens a socket as soon as one dies; give it a moment before calling the tunnel dead. */
  #watchForNoSockets(session: Session, live: Live): void {
    clearTimeout(live.noSocketsTimer);
    live.noSocketsTimer = setTimeout(() => {
      if (!live.disposed && live.phase === 'up' && live.sockets.size === 0) {
        this.#broken(session, live, 'every tunnel connection to the server closed and none could be re-opened');
      }
    }, NO_SOCKETS_GRACE_MS);
  }

  // ---- running ----

  #connected(session: Session, live: Live): void {
    const { assignment } = live;
    session.live = live;
    const change = urlChange(session.lastUrl, assignment, session.lastUrl === null ? session.options.subdomain : null);
    session.lastUrl = assignment.url;
    session.lastId = assignment.id;
    session.reconnectAttempt = 0;
    session.selfCheckFailures = 0;
    this.#set({ state: 'connected', url: assignment.url, subdomain: assignment.id, ...NO_ERROR, ...change });
    // A tunnel that lost all its sockets while we were busy is noticed now rather than never.
    if (live.sockets.size === 0) this.#watchForNoSockets(session, live);
    this.#scheduleSelfCheck(session, session.options.selfCheckIntervalMs);
  }

  #broken(session: Session, live: Live, reason: string): void {
    if (live.disposed || session.live !== live || this.#session !== session) return;
    session.live = null;
    clearTimeout(session.selfCheckTimer);
    this.#dispose(live);
    this.#set({ state: 'reconnecting', lastError: reason, errorCode: null, hints: [] });
    this.#scheduleReconnect(session);
  }

  #scheduleReconnect(session: Session): void {
    const { options } = session;
    const delay = backoffDelay(session.reconnectAttempt++, options.backoff, options.random);
    session.reconnectTimer = setTimeout(async () => {
      if (this.#session !== session) return;
      try {
        // The same subdomain as before, so the URL in the providers' dashboards stays valid.
        const live = await this.#open(session, session.lastId ?? options.subdomain, { failFast: false });
        if (this.#session !== session) this.#dispose(live);
        else this.#connected(session, live);
      } catch (error) {
        if (this.#session !== session) return;
        this.#set(failureOf(error, options.host));
        this.#scheduleReconnect(session);
      }
    }, delay);
  }

  #scheduleSelfCheck(session: Session, delayMs: number): void {
    const { options } = session;
    if (options.selfCheckIntervalMs <= 0) return;
    clearTimeout(session.selfCheckTimer);
    session.selfCheckTimer = setTimeout(() => void this.#selfCheck(session), delayMs);
  }

  async #selfCheck(session: Session): Promise<void> {
    const live = session.live;
    if (!live || this.#session !== session) return;
    const { options } = session;
    const nonce = randomBytes(16).toString('hex');
    const url = `${live.assignment.url}${options.selfCheckPathPrefix}${nonce}`;
    const timeout = AbortSignal.timeout(options.selfCheckTimeoutMs);
    const signal = AbortSignal.any([session.abort.signal, timeout]);
    let failure: string | null = null;
    this.#pendingChecks.add(nonce);
    try {
      const response = await options.fetch(url, {
        // The reminder page of localtunnel.me is skipped for requests with this header.
        headers: { 'bypass-tunnel-reminder': '1', 'user-agent': USER_AGENT, accept: 'text/plain' },
        signal,
      });
      if (response.status !== 200 || response.body !== selfCheckBody(nonce)) {
        failure = `it answered HTTP ${response.status} ${JSON.stringify(response.body.slice(0, 80))} instead of the check's token`;
      }
    } catch (error) {
      failure = timeout.aborted ? `no answer within ${seconds(options.selfCheckTimeoutMs)}` : messageOf(error);
    } finally {
      this.#pendingChecks.delete(nonce);
    }
    if (this.#session !== session || session.live !== live) return;
    if (failure === null) {
      session.selfCheckFailures = 0;
      this.#scheduleSelfCheck(session, options.selfCheckIntervalMs);
      return;
    }
    session.selfCheckFailures++;
    if (session.selfCheckFailures >= options.selfCheckFailures) {
      this.#broken(session, live, `the self-check through ${live.assignment.url} failed ${session.selfCheckFailures} times: ${failure}`);
    } else {
      this.#scheduleSelfCheck(session, Math.min(options.selfCheckIntervalMs, SELF_CHECK_RETRY_MS));
    }
  }

  // ---- teardown and status ----

  #end(session: Session, failure: ErrorFields): void {
    if (this.#session === session) this.#session = null;
    this.#teardown(session);
    this.#set({ state: 'down', url: null, ...failure });
  }

  #teardown(session: Session): void {
    session.abort.abort(new TunnelStoppedError());
    clearTimeout(session.reconnectTimer);
    clearTimeout(session.selfCheckTimer);
    if (session.live) this.#dispose(session.live);
    session.live = null;
  }

  #dispose(live: Live): void {
    if (live.disposed) return;
    live.disposed = true;
    clearTimeout(live.noSocketsTimer);
    try {
      // Sets `closed` (no more re-opened sockets) and destroys the sockets it knows of.
      live.client.close();
    } catch {
      // A throwing listener inside the client must not stop the teardown.
    }
    for (const socket of live.sockets) socket.destroy();
    live.sockets.clear();
  }

  #set(patch: Partial<TunnelStatus>): void {
    const next: TunnelStatus = { ...this.#status, ...patch };
    if (next.state !== this.#status.state) next.since = new Date(this.#now()).toISOString();
    const changed = (Object.keys(next) as (keyof TunnelStatus)[]).some((key) =>
      key === 'hints' ? next.hints.join('\n') !== this.#status.hints.join('\n') : next[key] !== this.#status[key],
    );
    if (!changed) return;
    this.#status = next;
    for (const listener of [...this.#listeners]) {
      try {
        listener({ ...next, hints: [...next.hints] });
      } catch (error) {
        // A broken subscriber must not break supervision; say so rather than swallow it.
        process.emitWarning(`a tunnel status listener threw: ${messageOf(error)}`);
      }
    }
  }
}

function resolveOptions(options: TunnelOptions): ResolvedOptions {
  const interval = options.selfCheckIntervalMs ?? DEFAULTS.selfCheckIntervalMs;
  return {
    host: (options.host ?? DEFAULT_TUNNEL_HOST).replace(/\/+$/, ''),
    subdomain: options.subdomain || null,
    localPort: options.localPort,
    openTimeoutMs: options.openTimeoutMs ?? DEFAULTS.openTimeoutMs,
    selfCheckIntervalMs: interval,
    selfCheckTimeoutMs: options.selfCheckTimeoutMs ?? Math.min(10_000, Math.max(interval, 1)),
    selfCheckFailures: Math.max(1, options.selfCheckFailures ?? DEFAULTS.selfCheckFailures),
    selfCheckPathPrefix: options.selfCheckPathPrefix ?? DEFAULT_SELF_CHECK_PATH_PREFIX,
    backoff: options.backoff ?? DEFAULTS.backoff,
    fetch: options.fetch ?? defaultTunnelFetch,
    random: options.random ?? Math.random,
  };
}

function optionsProblem(raw: TunnelOptions, options: ResolvedOptions): string | null {
  if ((raw as { localHost?: unknown }).localHost !== undefined) {
    return 'localHost is not supported: localtunnel corrupts binary bodies when its local_host is set';
  }
  if (!Number.isInteger(options.localPort) || options.localPort < 1 || options.localPort > 65535) {
    return `invalid local port ${String(options.localPort)}`;
  }
  if (!(options.openTimeoutMs > 0)) return `invalid openTimeoutMs ${options.openTimeoutMs}`;
  if (!(options.backoff.initialMs > 0) || !(options.backoff.maxMs >= options.backoff.initialMs)) return 'invalid backoff';
  if (!options.selfCheckPathPrefix.startsWith('/')) return 'invalid selfCheckPathPrefix: it must start with /';
  return hostProblem(options.host) ?? (options.subdomain === null ? null : subdomainProblem(options.subdomain));
}

/** The self-check's expected answer: echoes the nonce, so a reminder page or another client's 200 cannot pass. */
function selfCheckBody(nonce: string): string {
  return `hookscope-tunnel-check ${nonce}`;
}

function openFailure(options: ResolvedOptions, signal: AbortSignal, lastError: unknown): Error {
  if (signal.reason instanceof TunnelStoppedError) return signal.reason;
  const why = lastError === null || lastError === undefined ? 'the server did not answer' : messageOf(lastError);
  const code = unreachableCause(lastError)?.code ?? 'timeout';
  return new TunnelOpenError(`could not open a tunnel with ${options.host} within ${seconds(options.openTimeoutMs)}: ${why}`, code);
}

type ErrorFields = Pick<TunnelStatus, 'lastError' | 'errorCode' | 'hints'>;

const NO_ERROR: ErrorFields = { lastError: null, errorCode: null, hints: [] };

/** A failed open as the status shows it: the message, its kind, and what the user can do next. */
function failureOf(error: unknown, host: string): ErrorFields {
  const code = error instanceof TunnelOpenError ? error.code : error instanceof TunnelServerError ? 'server' : (unreachableCause(error)?.code ?? null);
  return { lastError: messageOf(error), errorCode: code, hints: tunnelHints(code, host) };
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
