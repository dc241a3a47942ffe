// Threat model: this listener faces the internet (through the tunnel) and takes anything from
// anyone. It trusts nothing a sender says; it only records it. It binds to 127.0.0.1 by default.
// It never parses, decodes or re-serialises a body (signatures are computed over exact bytes),
// bounds what a sender can cost (body limit, header size, idle and header timeouts), and answers a
// sender only once its delivery is committed. It serves no control API: that lives on the UI port.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HeaderPair, SentResponse } from '../../contract/index.js';
import type { RelayedResponse } from '../replay/forward-service.js';
import { splitTarget, type NewDelivery } from '../store/delivery-repository.js';
import type { DeliveryIntake } from './delivery-pipeline.js';
import { jsonError } from '../endpoints/response-rule.js';
import { StoreUnavailableError } from './group-commit.js';

export interface CaptureLimits {
  /** Largest body accepted; larger ones get 413 and are recorded as rejected. */
  bodyLimitBytes: number;
  /** Time allowed to send the request headers (slowloris). */
  headersTimeoutMs: number;
  /** A connection silent this long (mid-body, or idle keep-alive) is closed. */
  idleTimeoutMs: number;
  /** Largest header block; Node's default of 16 KiB is too small for some senders. */
  maxHeaderSizeBytes: number;
  /** Cap on header lines; 0 = none. A delivery that reached the cap is flagged headersTruncated. */
  maxHeadersCount: number;
}

export const defaultCaptureLimits: CaptureLimits = {
  bodyLimitBytes: 100 * 1024 * 1024,
  headersTimeoutMs: 5_000,
  idleTimeoutMs: 5_000,
  maxHeaderSizeBytes: 1024 * 1024,
  maxHeadersCount: 0,
};

export interface CaptureListenerOptions {
  host: string;
  port: number;
  limits: CaptureLimits;
  /** Set on the listener the tunnel client connects to: only its traffic is marked viaTunnel. */
  viaTunnel: boolean;
  now?: () => number;
  /**
   * Answers a request itself, storing nothing, when it returns true (the tunnel's self-check).
   * Anything it does not claim is captured as usual.
   */
  intercept?(req: IncomingMessage, res: ServerResponse): boolean;
}

export interface CaptureListener {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** After answering 413 we keep reading (and discarding) this much so the sender can see the answer. */
const DRAIN_AFTER_REJECT_BYTES = 16 * 1024 * 1024;
/**
 * After answering malformed HTTP (400/408/431) the socket is ended, then destroyed this long after
 * at the latest: a half-closed socket stays readable, and a sender that keeps trickling bytes (and
 * never reads) would reset the idle timer with each one and hold the socket forever.
 */
export const MALFORMED_CLOSE_GRACE_MS = 1000;

export async function startCaptureListener(options: CaptureListenerOptions, intake: DeliveryIntake): Promise<CaptureListener> {
  const { limits } = options;
  const server = createServer({
    maxHeaderSize: limits.maxHeaderSizeBytes,
    headersTimeout: limits.headersTimeoutMs,
    // The whole-request deadline stays generous (a 100 MiB upload over a slow tunnel takes a while);
    // stalls are caught by the idle timeout instead.
    requestTimeout: 10 * 60_000,
    keepAliveTimeout: limits.idleTimeoutMs,
    // Node checks headersTimeout/requestTimeout only this often (30 s by default): slowloris would pass.
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    requireHostHeader: false,
  });
  // Keep every header line in rawHeaders (0 = no cap; the delivery is flagged if a configured cap is reached).
  server.maxHeadersCount = limits.maxHeadersCount;
  server.setTimeout(limits.idleTimeoutMs, (socket: Socket) => socket.destroy());
  server.on('request', (req, res) => handleRequest(req, res, options, intake));
  // Expect: 100-continue: refuse an announced oversized body before the sender uploads it.
  server.on('checkContinue', (req, res) => {
    if (!declaredTooLarge(req, limits.bodyLimitBytes)) res.writeContinue();
    handleRequest(req, res, options, intake);
  });
  // Any other Expect value: Node would answer 417 itself and the delivery would be lost. Capture it
  // like any request (the body, if any, follows or the idle timeout ends it).
  server.on('checkExpectation', (req, res) => handleRequest(req, res, options, intake));
  server.on('clientError', answerMalformedRequest);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    server,
    port,
    url: `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Give in-flight requests a moment, then cut the rest so shutdown never hangs.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      }),
  };
}

function declaredTooLarge(req: IncomingMessage, limit: number): boolean {
  const declared = Number(req.headers['content-length']);
  return Number.isFinite(declared) && declared > limit;
}

function headerPairs(raw: string[]): HeaderPair[] {
  const pairs: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

function handleRequest(req: IncomingMessage, res: ServerResponse, options: CaptureListenerOptions, intake: DeliveryIntake): void {
  if (options.intercept?.(req, res)) return;
  const now = options.now ?? Date.now;
  const receivedAt = now();
  const url = req.url ?? '/';
  const endpoint = intake.endpointFor(splitTarget(url).path);
  const rawHeaders = headerPairs(req.rawHeaders);
  const limit = options.limits.bodyLimitBytes;

  const record = (body: Buffer, response: SentResponse, rejected: string | null): NewDelivery => ({
    endpointId: endpoint.id,
    receivedAt,
    method: req.method ?? 'GET',
    url,
    httpVersion: req.httpVersion,
    rawHeaders,
    headersTruncated: options.limits.maxHeadersCount > 0 && rawHeaders.length >= options.limits.maxHeadersCount,
    body,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    contentType: req.headers['content-type'] ?? null,
    remoteAddress: req.socket.remoteAddress ?? null,
    viaTunnel: options.viaTunnel,
    response,
    rejected,
  });

  const commitThenAnswer = (delivery: NewDelivery, delayMs: number, closeAfter: boolean) => {
    intake.receive(delivery).then(
      (receipt) => {
        const send = (relayed?: RelayedResponse | null) => {
          writeResponse(res, relayed ?? delivery.response, closeAfter);
          receipt.answered(now() - receivedAt, relayed ?? undefined);
        };
        if (receipt.relayed) {
          const delay = new Promise((resolve) => setTimeout(resolve, delayMs));
          Promise.all([receipt.relayed, delay]).then(([relayed]) => send(relayed), () => send());
        } else if (delayMs > 0) setTimeout(send, delayMs);
        else send();
      },
      (error: unknown) => {
        const message = error instanceof StoreUnavailableError ? error.message : 'could not store the delivery';
        const unavailable = jsonError(503, 'store_unavailable', `${message}; nothing was kept, please retry`);
        unavailable.headers.push(['Retry-After', '1']);
        writeResponse(res, unavailable, closeAfter);
      },
    );
  };

  const reject = (reason: string, bodySoFar: Buffer) => {
    rejected = true;
    const response = jsonError(413, 'body_too_large', `${reason}; the delivery was recorded without its body`);
    // Keep the socket readable a little longer so the sender sees the 413 rather than a reset.
    let drained = bodySoFar.length;
    req.removeAllListeners('data');
    req.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > limit + DRAIN_AFTER_REJECT_BYTES) req.socket.destroy();
    });
    commitThenAnswer(record(Buffer.alloc(0), response, reason), 0, true);
  };

  let rejected = false;
  if (declaredTooLarge(req, limit)) {
    reject(`the body (Content-Length: ${req.headers['content-length']}) exceeds the ${limit}-byte limit`, Buffer.alloc(0));
    return;
  }

  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) {
      reject(`the body exceeds the ${limit}-byte limit (more than ${limit} bytes arrived)`, Buffer.alloc(0));
      chunks.length = 0;
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (rejected) return;
    const body = Buffer.concat(chunks, size);
    const planned = intake.planAnswer(endpoint, { method: req.method ?? 'GET', url, rawHeaders, body });
    commitThenAnswer({ ...record(body, planned.response, null), handshake: planned.handshake, failedScope: planned.failedScope }, planned.delayMs, false);
  });
  // A sender that vanished or stalled mid-body: keep what arrived, marked incomplete. Nothing is lost.
  req.on('close', () => {
    if (rejected || req.complete) return;
    const body = Buffer.concat(chunks, size);
    const declared = req.headers['content-length'];
    const reason = `incomplete: the connection closed after ${size}${declared ? ` of ${declared}` : ''} body bytes`;
    // Status 0: the sender never got an answer.
    const delivery = record(body, { status: 0, headers: [], body: '' }, reason);
    intake.receive(delivery).catch(() => undefined);
  });
}

function writeResponse(res: ServerResponse, response: SentResponse | RelayedResponse, closeAfter: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  const flat: string[] = [];
  let hasLength = false;
  for (const [name, value] of response.headers) {
    if (name.toLowerCase() === 'content-length') hasLength = true;
    flat.push(name, value);
  }
  if (!hasLength) flat.push('Content-Length', String(body.length));
  if (closeAfter) flat.push('Connection', 'close');
  res.writeHead(response.status, flat);
  res.end(body);
}

/** Malformed HTTP: answer 400 (431 for oversized headers, 408 for a header timeout) and close this socket only. */
function answerMalformedRequest(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, text] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout']
        : [400, 'Bad Request'];
  const body = JSON.stringify({
    error: { code: 'malformed_request', message: `${text}: ${error.code ?? error.message}` },
  });
  socket.end(
    `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  const cut = setTimeout(() => socket.destroy(), MALFORMED_CLOSE_GRACE_MS);
  cut.unref();
  socket.once('close', () => clearTimeout(cut));
}
