import { request } from 'node:http';
import { connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  body: Buffer;
}

export interface SendOptions {
  method?: string;
  /** Flat [name, value, name, value…] so order, case and duplicates are under the test's control. */
  headers?: string[];
  body?: Buffer | string | Buffer[];
  /** Send the body chunks with Transfer-Encoding: chunked. */
  chunked?: boolean;
}

/** One HTTP/1.1 request over loopback with node:http, headers sent exactly in the given order. */
export function send(url: string, options: SendOptions = {}): Promise<RawResponse> {
  const chunks = options.body === undefined ? [] : Array.isArray(options.body) ? options.body : [Buffer.from(options.body)];
  const headers = [...(options.headers ?? [])];
  if (!options.chunked && !headers.some((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-length') && chunks.length > 0) {
    headers.push('Content-Length', String(chunks.reduce((n, c) => n + c.length, 0)));
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'POST', headers, agent: false }, (res) => {
      const body: Buffer[] = [];
      res.on('data', (c: Buffer) => body.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body: Buffer.concat(body) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

/** Writes raw bytes on a TCP socket and returns everything the server sent back before closing. */
export function sendRaw(port: number, bytes: string | Buffer, options: { endAfterWrite?: boolean; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.setTimeout(options.timeoutMs ?? 10_000, () => {
      socket.destroy();
      reject(new Error('raw request timed out'));
    });
    socket.on('data', (c: Buffer) => received.push(c));
    socket.on('close', () => resolve(Buffer.concat(received).toString('latin1')));
    socket.on('error', () => resolve(Buffer.concat(received).toString('latin1')));
    socket.write(bytes);
    if (options.endAfterWrite) socket.end();
  });
}

/** JSON client for the control API. */
export function controlClient(baseUrl: string, token: string) {
  const call = async <T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const response = await fetch(new URL(path, baseUrl), {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
  };
  return {
    call,
    get: <T = any>(path: string) => call<T>('GET', path),
    post: <T = any>(path: string, body: unknown) => call<T>('POST', path, body),
    patch: <T = any>(path: string, body: unknown) => call<T>('PATCH', path, body),
    del: <T = any>(path: string) => call<T>('DELETE', path),
  };
}
