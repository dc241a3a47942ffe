// "Copy as cURL" must reproduce the request: each generated command is run with the real curl (in
// bash) against a loopback server, which must receive the delivery's body bytes exactly and its
// headers in the same order, case and duplicates. Host names the target (as a replay does) and
// curl writes it first; the senders here put it first too, as HTTP clients do.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { parseArgs, type HeaderPair } from '../../electron/contract/index.js';
import { isHopByHop } from '../../electron/core/replay/outgoing-headers.js';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';
import { startTargetServer, type TargetServer } from '../helpers/target-server.js';

const run = promisify(execFile);
const everyByte = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
const stripeEvent = Buffer.from('{"id":"evt_1","object":"event","data":{"object":{"id":"ch_1","amount":100}}}');
const awkwardText = Buffer.from(`@not-a-file it's 100% "quoted" \\ back\\slash $HOME \`tick\` café ✓\n\tsecond line`);

interface Case {
  name: string;
  method: string;
  headers: string[];
  body: Buffer;
}

const cases: Case[] = [
  { name: 'a Stripe event (38-byte bodies used to become 49)', method: 'POST', headers: ['Content-Type', 'application/json; charset=utf-8', 'User-Agent', 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'Stripe-Signature', 't=1,v1=abc'], body: stripeEvent },
  { name: 'text with quotes, %, backslashes, $, a leading @ and UTF-8', method: 'POST', headers: ['content-type', 'text/plain', 'X-Dup', 'one', 'x-dup', 'two', 'X-Empty', ''], body: awkwardText },
  { name: 'every byte value twice (NUL included)', method: 'PUT', headers: ['Content-Type', 'application/octet-stream'], body: everyByte },
  { name: 'binary without NUL (gzip of JSON, sender-compressed)', method: 'POST', headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'], body: Buffer.from(zlib.gzipSync(stripeEvent).filter((b) => b !== 0)) },
  { name: 'a real PDF posted as the body (600 KiB: piped, too long for one argument)', method: 'POST', headers: ['Content-Type', 'application/pdf', 'Accept', '*/*'], body: readFileSync(join(CORPUS_DIR, 'pdfs', 'issue12963.pdf')) },
  { name: 'a 300 KiB JSON text body with no Content-Type', method: 'PATCH', headers: ['X-Order', '1'], body: Buffer.from(JSON.stringify({ items: Array.from({ length: 6000 }, (_, i) => ({ i, name: `n'${i}` })) })) },
  { name: 'a GET without a body', method: 'GET', headers: ['X-Request-Id', 'r1', 'User-Agent', 'pinger'], body: Buffer.alloc(0) },
  { name: 'an empty POST', method: 'POST', headers: ['User-Agent', 'empty-poster', 'Content-Length', '0'], body: Buffer.alloc(0) },
  { name: 'a DELETE with no framing at all', method: 'DELETE', headers: ['User-Agent', 'deleter'], body: Buffer.alloc(0) },
];

describe('Copy as cURL, run with the real curl', () => {
  let t: TestCore;
  let target: TargetServer;
  before(async () => {
    t = await startTestCore();
    target = await startTargetServer(() => ({ status: 200, body: 'ok' }));
  });
  after(async () => {
    await target.close();
    await t.stop();
  });

  for (const c of cases) {
    it(`reproduces ${c.name} byte for byte, headers in order`, async () => {
      const captureHost = new URL(t.captureUrl).host;
      const sent = await send(`${t.captureUrl}/curl/path?q=[1]&x=%20`, { method: c.method, headers: ['Host', captureHost, ...c.headers], body: c.body.length > 0 ? c.body : undefined });
      assert.equal(sent.status, 200);
      const id = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
      const delivery = t.core.api['deliveries.get']({ id });
      const stored = Buffer.from(delivery.body, 'base64');
      assert.ok(stored.equals(c.body));

      const snippet = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id, target: target.url, redact: false }));
      assert.equal(snippet.warning, null);
      const before = target.received.length;
      // From a file, as a pasted command would run: a long body is more than one exec argument may hold.
      const script = join(t.dataDir, `curl-${id}.sh`);
      await writeFile(script, `${snippet.code} -sS -o /dev/null\n`);
      await run('bash', [script], { maxBuffer: 64 * 1024 * 1024 });
      const [received] = (await target.waitFor(before + 1)).slice(before);

      assert.equal(received!.method, c.method);
      assert.equal(received!.url, '/curl/path?q=[1]&x=%20', 'the captured path (default endpoint), exactly');
      assert.ok(received!.body.equals(stored), `body: ${received!.body.length} bytes received, ${stored.length} stored`);
      // Connection (hop-by-hop) belonged to the sender's connection; curl opens its own.
      const expected: HeaderPair[] = delivery.headers.filter(([name]) => !isHopByHop(name)).map(([name, value]) => [name, name.toLowerCase() === 'host' ? new URL(target.url).host : value]);
      assert.deepEqual(received!.headers, expected, 'the same headers, in order, nothing added');
    });
  }

  it('keeps the httpsnippet JSON formatting out of curl: the command carries the body as received', async () => {
    await send(`${t.captureUrl}/curl`, { headers: ['Content-Type', 'application/json'], body: '{"a":1,  "b":[1,2]}' });
    const id = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]!.id;
    const snippet = await t.core.api['deliveries.snippet'](parseArgs('deliveries.snippet', { id, target: target.url }));
    assert.match(snippet.code, /--data-raw '\{"a":1, {2}"b":\[1,2\]\}'$/);
  });
});
