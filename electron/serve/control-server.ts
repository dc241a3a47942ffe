// Threat model: the control server listens on loopback only and holds everything captured, plus
// the user's signing secrets. Its callers are the inspector UI and the user's scripts.
// Every request must name this loopback port in Host and carry no foreign Origin (guard.ts);
// /api additionally needs the bearer token (scripts) or the inspector's session cookie, which a
// browser gets from a one-time sign-in code or by posting the token (sessions.ts). The HTTP
// routes are derived from the contract's bindings, and every argument passes the method's schema
// before the core sees it.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import {
  ApiError,
  httpBindings,
  httpStatusOf,
  importUploadQuery,
  importUploadRoute,
  parseArgs,
  type ErrorCode,
  type HttpVerb,
  type MethodName,
} from '../contract/index.js';
import { callMethod, isStoreUnavailableError, storeUnavailableMessage, type HookscopeCore } from '../core/index.js';
import { checkControlRequest, isSameToken, readCookies, RENDERER_CSP, sessionCookieName } from './guard.js';
import { SessionStore } from './sessions.js';

export interface ControlServerOptions {
  port: number;
  token: string;
  /** The built renderer (index.html and assets); absent = API only. */
  rendererDir: string | null;
  /** The clock of sign-in codes (tests). */
  now?: () => number;
}

export interface ControlServer {
  server: Server;
  port: number;
  url: string;
  /** A URL that signs a browser in once, within a few minutes (what `serve` prints). */
  signInUrl(): string;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 2 * 1024 * 1024;
const MAX_SIGN_IN_BODY = 4096;
/** Where the one-time code is redeemed; outside /api so it is reached by a plain navigation. */
const SIGN_IN_PATH = '/signin';
const SESSION_PATH = '/api/session';
const HEARTBEAT_MS = 15_000;

interface CompiledRoute {
  method: MethodName;
  verb: HttpVerb;
  pattern: RegExp;
  params: string[];
  maxBodyBytes: number;
}

function compileRoutes(): CompiledRoute[] {
  return (Object.keys(httpBindings) as MethodName[]).map((method) => {
    const { verb, path, maxBodyBytes = MAX_JSON_BODY } = httpBindings[method];
    const params: string[] = [];
    const source = path.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
      params.push(name);
      return '([^/]+)';
    });
    return { method, verb, pattern: new RegExp(`^${source}$`), params, maxBodyBytes };
  });
}

const routes = compileRoutes();

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'method_not_allowed' | 'payload_too_large',
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, { error: { code, message } });
}

async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'payload_too_large', `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new HttpError(400, 'invalid_argument', `the request body is not valid JSON: ${(error as Error).message}`);
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new HttpError(400, 'invalid_argument', `malformed path parameter "${value}"`);
  }
}

export async function startControlServer(core: HookscopeCore, options: ControlServerOptions): Promise<ControlServer> {
  let port = options.port;
  const sessions = new SessionStore(options.now);
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
      if (error instanceof ApiError) return sendError(res, httpStatusOf[error.code], error.code, error.message);
      if (isStoreUnavailableError(error)) {
        // Locked, disk full or I/O error: it passes by itself, and nothing was written.
        if (!res.headersSent) res.setHeader('Retry-After', '1');
        return sendError(res, 503, 'store_unavailable', `${storeUnavailableMessage(error)}; retry`);
      }
      console.error('hookscope: control API error', error);
      sendError(res, 500, 'internal', 'internal error');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://control.invalid');
    const isApi = url.pathname === '/api' || url.pathname.startsWith('/api/');
    const isTokenSignIn = url.pathname === SESSION_PATH && req.method === 'POST';
    const verdict = checkControlRequest(
      {
        host: req.headers.host,
        origin: req.headers.origin,
        authorization: req.headers.authorization,
        cookie: req.headers.cookie,
        secFetchSite: headerValue(req.headers['sec-fetch-site']),
        method: req.method,
      },
      { port, token: options.token, needsToken: isApi && !isTokenSignIn, isSession: (id) => sessions.isOpen(id) },
    );
    if (!verdict.allowed) throw new HttpError(verdict.status, verdict.code, verdict.message);
    if (url.pathname === SIGN_IN_PATH) return signInWithCode(req, res, url);
    if (!isApi) return serveStatic(req, res, url.pathname, options.rendererDir);
    if (url.pathname === SESSION_PATH) return session(req, res, verdict.via);
    if (url.pathname === '/api/events') return streamEvents(req, res, core);
    const raw = /^\/api\/deliveries\/([^/]+)\/raw$/.exec(url.pathname);
    if (raw && req.method === 'GET') return sendRawBody(res, core, decodeParam(raw[1]!), url.searchParams.get('decode'));
    const documentBytes = /^\/api\/documents\/([^/]+)$/.exec(url.pathname);
    if (documentBytes && req.method === 'GET') return sendDocument(res, core, decodeParam(documentBytes[1]!));
    if (url.pathname === importUploadRoute.path) return uploadImport(req, res, core, url);
    await answerMethod(req, res, url);
  }

  /**
   * The printed URL: trades a one-time code for a session cookie, then redirects to `/` so the
   * address bar (and the history entry it becomes) keeps no credential; the code in the history's
   * redirect record is spent. A used or expired code lands on `/` without a session, where the
   * page asks for the token.
   */
  function signInWithCode(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET') throw new HttpError(405, 'method_not_allowed', 'open the sign-in link in a browser');
    const headers: Record<string, string> = { Location: '/', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };
    if (sessions.redeemCode(url.searchParams.get('code'))) headers['Set-Cookie'] = sessionCookie(sessions.open());
    res.writeHead(303, headers);
    res.end();
  }

  /** GET: who am I (the page asks at start); POST {token}: sign in by token; DELETE: sign out. */
  async function session(req: IncomingMessage, res: ServerResponse, via: 'none' | 'token' | 'session'): Promise<void> {
    if (req.method === 'GET') return sendJson(res, 200, { signedIn: true, via });
    if (req.method === 'DELETE') {
      for (const id of readCookies(req.headers.cookie, sessionCookieName(port))) sessions.close(id);
      res.writeHead(204, { 'Set-Cookie': `${sessionCookieName(port)}=; Path=/api; HttpOnly; SameSite=Strict; Max-Age=0`, 'Cache-Control': 'no-store' });
      return void res.end();
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST, DELETE');
      throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${SESSION_PATH}`);
    }
    const body = await readJsonBody(req, MAX_SIGN_IN_BODY);
    const token = (body as { token?: unknown } | null)?.token;
    if (typeof token !== 'string' || !isSameToken(token, options.token)) {
      throw new HttpError(401, 'unauthorized', 'that is not the API token');
    }
    res.writeHead(204, { 'Set-Cookie': sessionCookie(sessions.open()), 'Cache-Control': 'no-store' });
    res.end();
  }

  /**
   * HttpOnly: page scripts (and anything injected into them) cannot read it. SameSite=Strict: no
   * cross-site request carries it. Path=/api: the page needs it nowhere else, and cookies ignore
   * ports, so this keeps it off every other path of other 127.0.0.1 servers (the capture port
   * included, where it would be stored as part of a delivery). No Max-Age: gone with the browser.
   */
  function sessionCookie(id: string): string {
    return `${sessionCookieName(port)}=${id}; Path=/api; HttpOnly; SameSite=Strict`;
  }

  async function answerMethod(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const onPath = routes.filter((r) => r.pattern.test(url.pathname));
    if (onPath.length === 0) throw new HttpError(404, 'not_found', `no route ${url.pathname}`);
    const route = onPath.find((r) => r.verb === req.method);
    if (!route) {
      res.setHeader('Allow', onPath.map((r) => r.verb).join(', '));
      throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
    }
    const match = route.pattern.exec(url.pathname)!;
    const params = Object.fromEntries(route.params.map((name, i) => [name, decodeParam(match[i + 1]!)]));
    const query = Object.fromEntries(url.searchParams);
    const body = route.verb === 'POST' || route.verb === 'PATCH' ? await readJsonBody(req, route.maxBodyBytes) : {};
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new HttpError(400, 'invalid_argument', 'the request body must be a JSON object');
    }
    const outcome = await callMethod(core.api, route.method, { ...query, ...body, ...params });
    if (outcome.ok) return sendJson(res, route.method.endsWith('.create') ? 201 : 200, outcome.result);
    if (outcome.internal !== undefined) console.error(`hookscope: ${route.method} failed`, outcome.internal);
    if (outcome.retryAfterSeconds !== undefined && !res.headersSent) res.setHeader('Retry-After', String(outcome.retryAfterSeconds));
    sendError(res, httpStatusOf[outcome.code], outcome.code, outcome.message);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // Loopback only, by design: there is no option to expose the control API.
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}`,
    signInUrl: () => `http://127.0.0.1:${port}${SIGN_IN_PATH}?code=${sessions.issueCode()}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

/** The request body, counted against `limit` as it arrives (never held whole). */
async function* boundedBody(req: IncomingMessage, limit: number): AsyncIterable<Uint8Array> {
  let size = 0;
  // Not destroyed when the import stops early: the refusal must still reach the client.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new HttpError(413, 'payload_too_large', `import over ${limit} bytes`);
    yield chunk;
  }
}

/**
 * The streaming import: the body is the file, handed to the core chunk by chunk (it parses in a
 * worker and stores in batches), so neither its size nor its content reaches this thread whole.
 */
async function uploadImport(req: IncomingMessage, res: ServerResponse, core: HookscopeCore, url: URL): Promise<void> {
  if (req.method !== importUploadRoute.verb) {
    res.setHeader('Allow', importUploadRoute.verb);
    throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${url.pathname}`);
  }
  const query = importUploadQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success) {
    const issue = query.error.issues[0];
    throw new HttpError(400, 'invalid_argument', `${issue?.path.join('.') ?? 'query'}: ${issue?.message ?? 'invalid'}`);
  }
  const length = Number(req.headers['content-length']);
  if (length > importUploadRoute.maxBodyBytes) throw new HttpError(413, 'payload_too_large', `import over ${importUploadRoute.maxBodyBytes} bytes`);
  try {
    const result = await core.importStream({
      endpoint: query.data.endpoint,
      source: boundedBody(req, importUploadRoute.maxBodyBytes),
      totalBytes: Number.isSafeInteger(length) ? length : null,
      importId: query.data.importId,
    });
    sendJson(res, 200, result);
  } finally {
    // A refused file is answered before it is all sent: read the rest away so the client sees the answer.
    if (!req.readableEnded) req.resume();
  }
}

/**
 * Bytes Hookscope did not write (a captured body, an archived document): an attachment in a
 * sandbox, so a browser never runs them as a page of this origin.
 */
function sendUntrustedBytes(res: ServerResponse, body: Buffer, contentType: string | null, filename: string): void {
  res.writeHead(200, {
    'Content-Type': contentType ?? 'application/octet-stream',
    'Content-Length': body.length,
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': `attachment; filename="${filename}"`,
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** The body as stored; with `?decode=1`, its Content-Encoding undone (or 422 saying why not). */
async function sendRawBody(res: ServerResponse, core: HookscopeCore, idParam: string, decode: string | null): Promise<void> {
  const { id } = parseArgs('deliveries.get', { id: idParam });
  if (decode !== null && decode !== '0' && decode !== 'false') {
    const decoded = await core.api['deliveries.decoded']({ id });
    return sendUntrustedBytes(res, Buffer.from(decoded.body, 'base64'), decoded.contentType, `delivery-${id}.bin`);
  }
  const delivery = core.api['deliveries.get']({ id });
  sendUntrustedBytes(res, Buffer.from(delivery.body, 'base64'), delivery.contentType, `delivery-${id}.bin`);
}

/** An archived document's bytes, as stored (the sender's link has likely expired by now). */
function sendDocument(res: ServerResponse, core: HookscopeCore, idParam: string): void {
  const { id } = parseArgs('documents.content', { id: idParam });
  const document = core.api['documents.content']({ id });
  sendUntrustedBytes(res, Buffer.from(document.body, 'base64'), document.contentType, `document-${id}.pdf`);
}

/** Server-sent events: one `event:`/`data:` record per core event, a comment as heartbeat. */
function streamEvents(req: IncomingMessage, res: ServerResponse, core: HookscopeCore): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'keep-alive',
  });
  res.write(': hookscope events\n\n');
  const unsubscribe = core.events.subscribe(({ event, data }) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  });
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
  req.on('close', () => {
    clearInterval(heartbeat);
    unsubscribe();
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves the built renderer; unknown paths get index.html (client-side routing). */
function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string, rendererDir: string | null): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'method_not_allowed', 'read-only');
  if (!rendererDir) throw new HttpError(404, 'not_found', 'the renderer is not built; run `npm run build`');
  const root = resolve(rendererDir);
  const requested = resolve(join(root, decodeParam(pathname)));
  if (requested !== root && !requested.startsWith(root + sep)) throw new HttpError(404, 'not_found', 'not found');
  let file = requested;
  let stat = statOrNull(file);
  if (!stat?.isFile()) {
    file = join(root, 'index.html');
    stat = statOrNull(file);
    if (!stat?.isFile()) throw new HttpError(404, 'not_found', 'the renderer is not built; run `npm run build`');
  }
  const isIndex = file.endsWith('index.html');
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Content-Security-Policy': RENDERER_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

function statOrNull(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}
