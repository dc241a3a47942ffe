// Hostile senders for the fault-injection tests: raw sockets that trickle bytes and never read.
import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';

export interface Trickler {
  socket: Socket;
  /** True once the socket is closed (the server cut it: our next write failed, or it reset us). */
  readonly closed: boolean;
}

export interface TrickleGroup {
  tricklers: Trickler[];
  closedCount(): number;
  /** Stops writing and destroys whatever is still open (cleanup). */
  stop(): void;
}

/**
 * `count` sockets, each writing `prefix` (if any) at once and then one byte of an endless header
 * line every `intervalMs`, never reading what the server answers (the socket stays paused).
 */
export function trickleHeaders(port: number, count: number, options: { intervalMs?: number; prefix?: string } = {}): TrickleGroup {
  const intervalMs = options.intervalMs ?? 200;
  const timers: NodeJS.Timeout[] = [];
  const tricklers: Trickler[] = Array.from({ length: count }, (_, n) => {
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    let closed = false;
    socket.on('error', () => undefined);
    socket.on('close', () => (closed = true));
    if (options.prefix) socket.write(options.prefix);
    socket.write(`POST /trickle-${n} HTTP/1.1\r\nHost: x\r\nX-Slow: `);
    let i = 0;
    const timer = setInterval(() => {
      if (closed) return clearInterval(timer);
      socket.write(String.fromCharCode(97 + (i++ % 26)));
    }, intervalMs);
    timers.push(timer);
    return {
      socket,
      get closed() {
        return closed;
      },
    };
  });
  return {
    tricklers,
    closedCount: () => tricklers.filter((t) => t.closed).length,
    stop() {
      for (const timer of timers) clearInterval(timer);
      for (const t of tricklers) t.socket.destroy();
    },
  };
}

/** The number of sockets the server holds open right now. */
export function openConnections(server: Server): Promise<number> {
  return new Promise((resolve, reject) => server.getConnections((error, count) => (error ? reject(error) : resolve(count))));
}

/** Polls `predicate` every `stepMs` until it holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(predicate: () => boolean | Promise<boolean>, timeoutMs: number, stepMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
