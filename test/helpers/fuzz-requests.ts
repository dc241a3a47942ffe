// Hostile request bytes for the listener fuzzers (fast-check arbitraries), and the probe that
// checks, between two of them, that capture still stores a well-formed delivery byte-exact.
import fc from 'fast-check';
import { METHODS } from 'node:http';
import { connect } from 'node:net';
import { controlClient, send } from './http.js';

// A request is built well-formed (odd but legal: any token method, duplicate and huge headers,
// chunk extensions, trailers), then, two times in five, broken in one way. Most requests get past
// the parser and are captured, the rest probe its error paths.

const token = fc.stringMatching(/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,24}$/);

// Node's parser (llhttp) knows a fixed list of methods and answers 400 to any other token: those
// are a breakage below, not a well-formed request.
const method = fc.constantFrom(...METHODS.filter((m) => m !== 'CONNECT' && m !== 'PRI'));

const target = fc.oneof(
  fc.stringMatching(/^(\/[A-Za-z0-9._~%!$&'()*+,;=:@-]{0,20}){1,4}(\?[A-Za-z0-9=&%]{0,30})?$/),
  fc.constantFrom('/', '*', '/default/x?a=1&a=2', 'http://other.example/abs', '//double', '/%zz', '/' + 'p'.repeat(9000)),
);

const headerValue = fc.oneof(
  { weight: 8, arbitrary: fc.stringMatching(/^[\x21-\x7e]([\x20-\x7e]{0,40}[\x21-\x7e])?$/) },
  { weight: 2, arbitrary: fc.constantFrom('', '100-continue', 'close', 'keep-alive', 't=1,v1=00', 'naïve ✓') },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 400_000 }).map((n) => 'v'.repeat(n)) }, // huge (1 MiB header limit)
);

const headerName = fc.oneof(
  { weight: 6, arbitrary: token },
  { weight: 3, arbitrary: fc.constantFrom('Host', 'Connection', 'Content-Type', 'Stripe-Signature', 'X-Dup', 'x-dup', 'X-DUP') },
  { weight: 1, arbitrary: fc.constantFrom('Expect') },
);

const chunked = fc.record({
  chunks: fc.array(fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.option(fc.constantFrom(';a=b', ';ext', ';x="q;"', ';a=b;c'), { freq: 2 })), { maxLength: 6 }),
  trailers: fc.array(fc.tuple(token, headerValue), { maxLength: 3 }),
});

const body = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.uint8Array({ maxLength: 3000 }).map((data) => ({ kind: 'length' as const, data: Buffer.from(data) })),
  chunked.map((c) => ({ kind: 'chunked' as const, ...c })),
);

const request = fc.record({
  method,
  target,
  version: fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0'),
  headers: fc.array(fc.tuple(headerName, headerValue), { maxLength: 10 }),
  body,
});
type Request = typeof request extends fc.Arbitrary<infer R> ? R : never;

/** One way to break a request. */
const breakage = fc.oneof(
  fc.constantFrom(
    'bare-lf', 'bare-cr', 'obs-fold', 'space-before-colon', 'nul-in-value', 'unicode-name', 'empty-name',
    'bad-version', 'bad-method', 'cl-and-te', 'cl-short', 'cl-long', 'cl-junk', 'cl-duplicate-differs',
    'chunk-size-junk', 'chunk-size-negative', 'chunk-size-huge', 'chunk-size-wrong', 'chunk-unfinished', 'te-unknown',
  ),
  fc.constant(null),
);

function render(r: Request, broken: string | null): Buffer {
  const lines: string[] = [];
  const method = broken === 'bad-method' ? 'FROBNICATE' : r.method;
  const version = broken === 'bad-version' ? 'HTTP/9.9x' : r.version;
  lines.push(`${method} ${r.target} ${version}`);
  for (const [name, value] of r.headers) {
    const n = broken === 'unicode-name' ? `Ünï${name}` : broken === 'empty-name' ? '' : name;
    const sep = broken === 'space-before-colon' ? ' : ' : ': ';
    const v = broken === 'nul-in-value' ? `${value}\u0000x` : value;
    lines.push(`${n}${sep}${v}${broken === 'obs-fold' ? '\r\n\tfolded' : ''}`);
  }
  let bodyBytes = Buffer.alloc(0);
  if (r.body.kind === 'length') {
    bodyBytes = r.body.data;
    const n = r.body.data.length;
    const declared = broken === 'cl-short' ? Math.max(0, n - 5) : broken === 'cl-long' ? n + 7 : broken === 'cl-junk' ? `${n}x` : n;
    lines.push(`Content-Length: ${declared}`);
    if (broken === 'cl-duplicate-differs') lines.push(`Content-Length: ${n + 1}`);
  } else if (r.body.kind === 'chunked') {
    lines.push(broken === 'te-unknown' ? 'Transfer-Encoding: chunked, snappy' : 'Transfer-Encoding: chunked');
    if (broken === 'cl-and-te') lines.push('Content-Length: 3');
    const parts: Buffer[] = [];
    for (const [data, ext] of r.body.chunks) {
      const size =
        broken === 'chunk-size-junk' ? 'zz' : broken === 'chunk-size-negative' ? '-1' : broken === 'chunk-size-huge' ? 'ffffffffffffffffff' : broken === 'chunk-size-wrong' ? (data.length + 3).toString(16) : data.length.toString(16);
      parts.push(Buffer.from(`${size}${ext ?? ''}\r\n`), Buffer.from(data), Buffer.from('\r\n'));
    }
    if (broken !== 'chunk-unfinished') parts.push(Buffer.from(`0\r\n${r.body.trailers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`));
    bodyBytes = Buffer.concat(parts);
  }
  const eol = broken === 'bare-lf' ? '\n' : broken === 'bare-cr' ? '\r' : '\r\n';
  return Buffer.concat([Buffer.from(lines.join(eol) + eol + eol, 'utf8'), bodyBytes]);
}

/** One request as raw bytes: mostly well-formed but odd, sometimes broken one way, sometimes garbage. */
export const hostileRequest: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: request.map((r) => render(r, null)) },
  { weight: 2, arbitrary: fc.tuple(request, breakage).map(([r, b]) => render(r, b)) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 4000 }).map((b) => Buffer.from(b)) },
);

/**
 * Writes bytes, half-closes, and waits (bounded) for the server to close. Resolves with the status
 * of the first answer ('none' if there was none); any answer is fine, the test only tallies them.
 */
export function throwBytes(port: number, bytes: Buffer, timeoutMs = 3000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => socket.destroy(), timeoutMs);
    let head = '';
    socket.on('data', (c: Buffer) => {
      if (head.length < 12) head += c.toString('latin1', 0, 12);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 'none');
    });
    socket.end(bytes);
  });
}

export interface Prober {
  /** Sends a well-formed delivery to the `probe` endpoint; throws unless it got 200 and is stored byte-exact. */
  probe(body: Buffer, contentType: string): Promise<void>;
}

export function prober(captureUrl: string, uiUrl: string, token: string): Prober {
  const api = controlClient(uiUrl, token);
  let n = 0;
  return {
    async probe(body, contentType) {
      const path = `/probe/${++n}`;
      const res = await send(`${captureUrl}${path}`, { headers: ['Content-Type', contentType], body });
      if (res.status !== 200) throw new Error(`probe ${n}: ${res.status} ${res.body.toString().slice(0, 200)}`);
      const list = await api.get<{ deliveries: { id: number; path: string }[] }>('/api/deliveries?endpoint=probe&limit=1');
      const stored = list.json.deliveries[0];
      if (stored?.path !== path) throw new Error(`probe ${n}: not the newest probe stored (${stored?.path})`);
      const raw = await fetch(new URL(`/api/deliveries/${stored.id}/raw`, uiUrl), { headers: { Authorization: `Bearer ${token}` } });
      const bytes = Buffer.from(await raw.arrayBuffer());
      if (!bytes.equals(body)) throw new Error(`probe ${n}: stored ${bytes.length} bytes differ from the ${body.length} sent`);
    },
  };
}
