// The two kinds of HTTP GET the supervisor makes: asking the tunnel server for a tunnel, and the
// self-check through the public URL. Injectable so tests (and a host with its own resolver) can
// route them; the default uses node:http(s) without a keep-alive agent, so no pooled socket outlives
// a check or keeps a stopped process alive, and reads at most 64 KiB of whatever a server sends.
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TunnelFetchInit {
  headers: Record<string, string>;
  signal: AbortSignal;
}

export interface TunnelFetchResponse {
  status: number;
  /** The body as text, possibly cut. */
  body: string;
}

export type TunnelFetch = (url: string, init: TunnelFetchInit) => Promise<TunnelFetchResponse>;

const MAX_BODY_BYTES = 64 * 1024;

export interface TunnelFetchOptions {
  /** Name resolution, as node:net takes it (default: the system's, dns.lookup); tests inject it. */
  lookup?: RequestOptions['lookup'];
}

export const createTunnelFetch = (options: TunnelFetchOptions = {}): TunnelFetch => (url, { headers, signal }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const lookup = options.lookup ? { lookup: options.lookup } : {};
    const req = request(target, { method: 'GET', headers, agent: false, signal, ...lookup }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size >= MAX_BODY_BYTES) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= MAX_BODY_BYTES) res.destroy();
      });
      const done = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8') });
      res.on('end', done);
      res.on('close', () => (size >= MAX_BODY_BYTES ? done() : reject(new Error('the connection closed before the answer was complete'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

export const defaultTunnelFetch: TunnelFetch = createTunnelFetch();
