// A loopback HTTP server standing in for the user's app: the target of replays and forwards. It
// records every request exactly (raw header pairs, body bytes, arrival order) and answers with
// whatever the test's handler says, or misbehaves on purpose (hang, reset).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HeaderPair } from '../../electron/contract/index.js';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: HeaderPair[];
  body: Buffer;
  /** What the handler answered (after it ran). */
  answered?: Answer;
}

export type Answer =
  | { status: number; headers?: HeaderPair[]; body?: string | Buffer }
  | 'hang'
  | 'reset';

export type Handler = (request: ReceivedRequest) => Answer | Promise<Answer>;

export interface TargetServer {
  url: string;
  port: number;
  received: ReceivedRequest[];
  handler: Handler;
  /** Resolves once `count` requests have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

export async function startTargetServer(handler: Handler = () => ({ status: 200, headers: [['Content-Type', 'application/json']], body: '{"ok":true}' })): Promise<TargetServer> {
  const sockets = new Set<Socket>();
  const received: ReceivedRequest[] = [];
  const target: TargetServer = {
    url: '',
    port: 0,
    received,
    handler,
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`the target got ${received.length} of ${count} requests in ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return received;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers: HeaderPair[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      const request: ReceivedRequest = { method: req.method ?? '', url: req.url ?? '', headers, body: Buffer.concat(chunks) };
      received.push(request);
      let answer: Answer;
      try {
        answer = await target.handler(request);
      } catch (error) {
        answer = { status: 500, body: String(error) };
      }
      request.answered = answer;
      if (answer === 'hang') return;
      if (answer === 'reset') {
        req.socket.resetAndDestroy();
        return;
      }
      const body = answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
      res.writeHead(answer.status, [...(answer.headers ?? []).flat(), 'Content-Length', String(body.length)]);
      res.end(body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.maxHeadersCount = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target.port = (server.address() as AddressInfo).port;
  target.url = `http://127.0.0.1:${target.port}`;
  return target;
}

/** A port where nothing listens (bound, then released). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function headerOf(headers: HeaderPair[], name: string): string | undefined {
  return headers.find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
}
