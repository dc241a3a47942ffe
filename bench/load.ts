// The two load generators of `npm run bench`, both sending bench/payload.ts's signed 1 KiB POST.
//
// Closed loop (autocannon): N connections, each sends its next request when the previous one is
// answered. It finds the highest rate a server sustains, and its CPU per request there.
//
// Open loop (hand-written): requests leave at fixed times, i / rate seconds after the start,
// whether or not earlier ones were answered (a new socket is opened when all are busy), and
// latency is counted from the time a request was due, not from when it happened to leave. This is
// how webhook senders behave: they do not slow down because the receiver is slow. autocannon's
// `overallRate`/`connectionRate` are not this: they split the rate over the connections and let
// each send its per-second quota back to back, closed loop, then pause until the next second, so
// the load arrives as one burst per second, and a stalled server delays the requests that would
// have found it stalled (coordinated omission).
import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { REQUEST_PATH, nextSignedRequest } from './payload.js';

export interface ClosedLoopResult {
  requests: number;
  rps: number;
  p99: number;
  non2xx: number;
  errors: number;
}

export async function closedLoop(port: number, seconds: number, connections: number): Promise<ClosedLoopResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: REQUEST_PATH,
        // Called for every request: each carries a fresh job id and its own signature.
        setupRequest: (req) => {
          const signed = nextSignedRequest();
          req.headers = signed.headers;
          req.body = signed.body;
          return req;
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    rps: result.requests.total / seconds,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

export interface OpenLoopResult {
  sent: number;
  answered: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  /** Sockets the sender had to open: more than a handful means the server fell behind. */
  sockets: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function openLoop(port: number, ratePerSecond: number, seconds: number): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity, maxFreeSockets: 1024 });
  let sockets = 0;
  agent.on('free', () => {}); // keep-alive sockets are reused; count the ones created below
  const total = Math.round(ratePerSecond * seconds);
  const latencies: number[] = [];
  const outcome = { non2xx: 0, errors: 0 };
  const intervalMs = 1000 / ratePerSecond;
  let due = 0;
  let settled = 0;
  return new Promise((resolve) => {
    const start = performance.now();
    const finish = () => {
      agent.destroy();
      const sorted = Float64Array.from(latencies).sort();
      resolve({ sent: total, answered: latencies.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, ...outcome, sockets });
    };
    const settle = () => {
      if (++settled === total) finish();
    };
    const send = (dueAt: number) => {
      const signed = nextSignedRequest();
      const req = request({ host: '127.0.0.1', port, method: 'POST', path: REQUEST_PATH, agent, headers: { ...signed.headers, 'content-length': signed.body.length } }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - dueAt);
          if (res.statusCode! < 200 || res.statusCode! > 299) outcome.non2xx++;
          settle();
        });
      });
      req.on('socket', (socket) => {
        if (!(socket as { counted?: boolean }).counted) {
          (socket as { counted?: boolean }).counted = true;
          sockets++;
        }
      });
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        outcome.errors++;
        settle();
      });
      req.end(signed.body);
    };
    const tick = () => {
      const now = performance.now();
      while (due < total && start + due * intervalMs <= now) send(start + due++ * intervalMs);
      if (due < total) setTimeout(tick, Math.max(0, start + due * intervalMs - performance.now()));
    };
    tick();
  });
}
