// The real localtunnel client (lib/Tunnel.js of `localtunnel` 2.0.2), typed, with its first HTTP
// step taken over. Its own `_init` retries the negotiation every second forever, so
// `await localtunnel()` never settles against a dead server, and a zombie retry loop left behind by
// a timeout would later grab our subdomain. The supervisor negotiates itself (bounded, aborted on
// stop) and hands the checked answer to the client, which then runs exactly as shipped: the
// TunnelCluster opens the sockets, pipes bytes untouched, re-opens a socket when one dies.
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { TunnelAssignment } from './tunnel-policy.js';

/** lib/TunnelCluster.js: emits 'open' (remote socket connected), 'dead', 'error', 'request'. */
export interface TunnelClusterLike extends EventEmitter {
  open(): void;
}

/** lib/Tunnel.js: emits 'url' (first socket connected), 'error', 'close', 'request'. */
export interface LocaltunnelClient extends EventEmitter {
  closed: boolean;
  url?: string;
  clientId?: string;
  tunnelCluster?: TunnelClusterLike;
  open(callback: (error?: Error) => void): void;
  close(): void;
  _init(callback: (error: Error | null, info?: unknown) => void): void;
  _getInfo(body: Record<string, unknown>): unknown;
}

interface TunnelConstructorOptions {
  host: string;
  port: number;
  subdomain?: string;
  // local_host is deliberately absent: setting it makes the client pipe the first chunk of every
  // request through a Host-rewriting transform that re-encodes it as UTF-8, corrupting binary and
  // gzip bodies. Without it the client connects to "localhost" and copies bytes untouched.
}

const require = createRequire(import.meta.url);
const Tunnel = require('localtunnel/lib/Tunnel.js') as new (options: TunnelConstructorOptions) => LocaltunnelClient;

/**
 * A client for an assignment already negotiated with the server. Attach an 'error' listener before
 * calling open(): an unhandled 'error' event would kill the process.
 */
export function createLocaltunnelClient(options: { host: string; localPort: number; subdomain: string | null }, assignment: TunnelAssignment): LocaltunnelClient {
  const client = new Tunnel({ host: options.host, port: options.localPort, ...(options.subdomain ? { subdomain: options.subdomain } : {}) });
  const body: Record<string, unknown> = {
    id: assignment.id,
    port: assignment.port,
    url: assignment.url,
    max_conn_count: assignment.maxConn,
    ...(assignment.ip ? { ip: assignment.ip } : {}),
  };
  client._init = (callback) => callback(null, client._getInfo(body));
  return client;
}
