// Threat model: this is the one place the core makes outbound requests, to whatever target the
// user names through the (loopback, token-protected) API or the desktop UI; the target is trusted
// with the delivery, nothing more. Its response is untrusted input: it is stored (bounded in size)
// and shown, never executed or followed (no redirects). Every request has a deadline and can be
// cancelled, so a dead, slow or hostile target costs one socket and a timer, never the listener.
//
// node:http/https directly rather than fetch: fetch re-cases and re-orders headers, merges
// duplicates and refuses some (Host, Connection, Transfer-Encoding); with a raw header array Node
// writes the headers exactly as given.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { HeaderPair, ReplayErrorCode } from '../../contract/index.js';
import { parseTarget } from './request-target.js';

export interface OutgoingRequest {
  method: string;
  url: string;
  /** Sent exactly in this order and case; must include Host (and Content-Length when there is a body). */
  headers: HeaderPair[];
  body: Buffer;
}

export interface ReceivedResponse {
  status: number;
  headers: HeaderPair[];
  body: Buffer;
  /** Bytes received (more than body.length when truncated). */
  bodySize: number;
  truncated: boolean;
}

export interface SendOutcome {
  response: ReceivedResponse | null;
  error: { code: ReplayErrorCode; message: string } | null;
  durationMs: number;
}

export interface SendOptions {
  timeoutMs: number;
  /** Aborting it cancels the request (stored as `cancelled`). */
  signal?: AbortSignal;
  /** Response bytes kept; the rest is read and dropped until this much more, then the socket is closed. */
  maxResponseBytes?: number;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

class TimeoutError extends Error {
  code = 'ETIMEDOUT_HOOKSCOPE';
}

export async function sendRequest(outgoing: OutgoingRequest, options: SendOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round((performance.now() - started) * 10) / 10;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (options.signal?.aborted) return { response: null, error: { code: 'cancelled', message: 'cancelled before it was sent' }, durationMs: 0 };

  let target;
  try {
    target = parseTarget(outgoing.url);
  } catch (error) {
    return { response: null, error: { code: 'invalid_request', message: (error as Error).message }, durationMs: elapsed() };
  }

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimeoutError(`no complete response within ${options.timeoutMs} ms`)), options.timeoutMs);
  const onCancel = () => controller.abort(options.signal?.reason ?? new Error('cancelled'));
  options.signal?.addEventListener('abort', onCancel, { once: true });

  try {
    const response = await new Promise<ReceivedResponse>((resolve, reject) => {
      const flat = outgoing.headers.flat();
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      let req;
      try {
        req = send({
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          method: outgoing.method,
          path: target.path,
          headers: flat,
          // A fresh connection per attempt: no pooled socket reset by an earlier attempt is blamed on this one.
          agent: false,
          signal: controller.signal,
          // SNI and certificate checks use the target's name, as any client would.
          servername: target.protocol === 'https:' && !/^[\d.:]+$/.test(target.hostname) ? target.hostname : undefined,
        });
      } catch (error) {
        reject(error);
        return;
      }
      req.on('socket', (socket) => socket.setNoDelay(true));
      req.on('error', reject);
      req.on('response', (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        let received = 0;
        let truncated = false;
        let settled = false;
        const finish = () => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode ?? 0, headers: pairs(res.rawHeaders), body: Buffer.concat(chunks, kept), bodySize: received, truncated });
        };
        const fail = (error: unknown) => {
          if (settled) return;
          settled = true;
          reject(error);
        };
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          const room = maxBytes - kept;
          if (room > 0) {
            const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
            chunks.push(part);
            kept += part.length;
          }
          if (received > maxBytes) truncated = true;
          // Past twice the cap, stop reading: the status and headers are what matter. Settle
          // first: destroying emits 'aborted' synchronously, which would record a reset.
          if (received > maxBytes * 2) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', (error) => (truncated ? finish() : fail(error)));
        res.on('aborted', () => (truncated ? finish() : fail(Object.assign(new Error('the response was cut off'), { code: 'ECONNRESET' }))));
      });
      req.end(outgoing.body);
    });
    return { response, error: null, durationMs: elapsed() };
  } catch (error) {
    return { response: null, error: classify(error, controller.signal), durationMs: elapsed() };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCancel);
  }
}

function pairs(raw: string[]): HeaderPair[] {
  const result: HeaderPair[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) result.push([raw[i]!, raw[i + 1]!]);
  return result;
}

const TLS_CODES = /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|HOSTNAME_MISMATCH|EPROTO$)/;

/** Maps Node's network errors to the codes the contract names. */
export function classify(error: unknown, signal: AbortSignal): { code: ReplayErrorCode; message: string } {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof TimeoutError) return { code: 'timeout', message: reason.message };
    return { code: 'cancelled', message: 'cancelled while in flight' };
  }
  const e = error as Error & { code?: string; hostname?: string; address?: string; port?: number };
  const code = e.code ?? '';
  const where = e.address ? ` (${e.address}${e.port ? `:${e.port}` : ''})` : '';
  if (code === 'ECONNREFUSED') return { code: 'connection_refused', message: `connection refused${where}: nothing listens there` };
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') return { code: 'timeout', message: `${code}: the connection timed out${where}` };
  if (code === 'ECONNRESET' || code === 'EPIPE' || e.message === 'socket hang up') {
    return { code: 'reset', message: `${code || 'socket hang up'}: the target closed the connection before answering${where}` };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_FAIL' || code === 'EAI_NONAME') {
    return { code: 'dns', message: `${code}: cannot resolve ${e.hostname ?? 'the host name'}` };
  }
  if (TLS_CODES.test(code) || /\b(SSL|TLS|certificate)\b/i.test(e.message)) return { code: 'tls', message: `${code ? `${code}: ` : ''}${e.message}` };
  if (code.startsWith('ERR_INVALID_') || code === 'ERR_UNESCAPED_CHARACTERS' || code === 'ERR_HTTP_INVALID_HEADER_VALUE') {
    return { code: 'invalid_request', message: `${code}: ${e.message}` };
  }
  return { code: 'other', message: code ? `${code}: ${e.message}` : e.message || String(error) };
}
