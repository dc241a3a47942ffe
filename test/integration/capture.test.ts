// The capture listener over real loopback HTTP into a real SQLite file.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { gzipSync, gunzipSync } from 'node:zlib';
import { send, sendRaw } from '../helpers/http.js';
import { startTestCore, type TestCore } from '../helpers/core.js';
import type { DeliverySummary } from '../../electron/contract/index.js';

/** The newest delivery, read through the API the UI uses. */
function newest(t: TestCore) {
  const [summary] = t.core.api['deliveries.list']({ limit: 1 }).deliveries;
  assert.ok(summary, 'a delivery was stored');
  return t.core.api['deliveries.get']({ id: summary.id });
}

describe('capture: byte-exact', () => {
  let t: TestCore;
  before(async () => {
    t = await startTestCore();
  });
  after(() => t.stop());

  it('a random 1 MiB binary body round-trips byte-exact', async () => {
    const body = randomBytes(1024 * 1024);
    const res = await send(`${t.captureUrl}/upload`, { headers: ['Content-Type', 'application/octet-stream'], body });
    assert.equal(res.status, 200);
    const d = newest(t);
    assert.equal(d.bodySize, body.length);
    assert.ok(Buffer.from(d.body, 'base64').equals(body));
    assert.equal(d.bodySha256, createHash('sha256').update(body).digest('hex'));
    assert.equal(d.contentType, 'application/octet-stream');
  });

  it('a gzip-encoded body is stored as sent, not decoded', async () => {
    const json = JSON.stringify({ event: 'job.completed', data: 'x'.repeat(5000) });
    const gz = gzipSync(json);
    await send(`${t.captureUrl}/gz`, { headers: ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'], body: gz });
    const d = newest(t);
    const stored = Buffer.from(d.body, 'base64');
    assert.ok(stored.equals(gz), 'the compressed bytes are what is stored');
    assert.equal(gunzipSync(stored).toString(), json);
  });

  it('a chunked body is stored whole, chunk boundaries aside', async () => {
    const parts = [Buffer.from('{"a":'), Buffer.from('1,'), Buffer.from('"b":[1,2,3]}')];
    await send(`${t.captureUrl}/chunked`, { headers: ['Content-Type', 'application/json'], body: parts, chunked: true });
    const d = newest(t);
    assert.equal(Buffer.from(d.body, 'base64').toString(), '{"a":1,"b":[1,2,3]}');
    assert.ok(d.headers.some(([n, v]) => n === 'Transfer-Encoding' && v === 'chunked'));
  });

  it('keeps header order, case and duplicates exactly', async () => {
    const headers = ['X-Custom-CASE', 'One', 'x-dup', 'first', 'Content-Type', 'application/json', 'X-DUP', 'second', 'x-dup', 'third'];
    await send(`${t.captureUrl}/h`, { headers, body: '{}' });
    const d = newest(t);
    const sent = d.headers.filter(([n]) => n.toLowerCase().startsWith('x-') || n === 'Content-Type');
    assert.deepEqual(sent, [
      ['X-Custom-CASE', 'One'],
      ['x-dup', 'first'],
      ['Content-Type', 'application/json'],
      ['X-DUP', 'second'],
      ['x-dup', 'third'],
    ]);
    assert.equal(d.headersTruncated, false);
  });

  it('keeps all of 2,000 headers', async () => {
    const headers: string[] = [];
    for (let i = 0; i < 2000; i++) headers.push(`X-H-${i}`, `value-${i}`);
    const res = await send(`${t.captureUrl}/many`, { headers, body: 'x' });
    assert.equal(res.status, 200);
    const d = newest(t);
    const custom = d.headers.filter(([n]) => n.startsWith('X-H-'));
    assert.equal(custom.length, 2000);
    assert.deepEqual(custom[1999], ['X-H-1999', 'value-1999']);
    assert.equal(d.headersTruncated, false);
  });

  it('accepts every method, HEAD, OPTIONS and PATCH included', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']) {
      const res = await send(`${t.captureUrl}/methods/${method.toLowerCase()}`, {
        method,
        body: method === 'GET' || method === 'HEAD' ? undefined : `body of ${method}`,
      });
      assert.equal(res.status, 200, method);
      const d = newest(t);
      assert.equal(d.method, method);
      assert.equal(d.path, `/methods/${method.toLowerCase()}`);
    }
  });

  it('stores an empty body as zero bytes', async () => {
    await send(`${t.captureUrl}/empty`, { method: 'POST', headers: ['Content-Length', '0'] });
    const d = newest(t);
    assert.equal(d.bodySize, 0);
    assert.equal(d.body, '');
    assert.equal(d.bodySha256, createHash('sha256').update('').digest('hex'));
  });

  it('keeps the raw URL, query and encoding exactly as sent', async () => {
    await send(`${t.captureUrl}/odd/%7Epath%20x?b=2&a=1&a=%F0%9F%98%80&flag`, { method: 'GET' });
    const d = newest(t);
    assert.equal(d.url, '/odd/%7Epath%20x?b=2&a=1&a=%F0%9F%98%80&flag');
    assert.equal(d.path, '/odd/%7Epath%20x');
    assert.equal(d.query, 'b=2&a=1&a=%F0%9F%98%80&flag');
    assert.equal(d.httpVersion, '1.1');
    assert.equal(d.remoteAddress, '127.0.0.1');
    assert.equal(d.viaTunnel, false);
  });

  it('answers only after the delivery is committed', async () => {
    const res = await send(`${t.captureUrl}/committed`, { body: 'stored-before-answer' });
    assert.equal(res.status, 200);
    // No waiting: at the moment the sender has its answer, the delivery is readable.
    const d = newest(t);
    assert.equal(Buffer.from(d.body, 'base64').toString(), 'stored-before-answer');
  });

  // Batching itself is shown by test/unit/group-commit.test.ts and measured by `npm run bench`
  // (deliveries per transaction); here the client shares the server's event loop, so it may not batch.
  it('stores 200 parallel senders, each once', async () => {
    const before = t.core.api['deliveries.list']({ limit: 1 }).deliveries[0]?.id ?? 0;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => send(`${t.captureUrl}/parallel?i=${i}`, { body: `payload-${i}` })),
    );
    assert.ok(results.every((r) => r.status === 200));
    const stored: DeliverySummary[] = [];
    let cursor: number | undefined;
    for (;;) {
      const page = t.core.api['deliveries.list']({ limit: 100, before: cursor });
      stored.push(...page.deliveries.filter((d) => d.id > before));
      if (page.nextBefore === null || page.deliveries.at(-1)!.id <= before) break;
      cursor = page.nextBefore;
    }
    const queries = stored.map((d) => d.query).sort();
    assert.equal(stored.length, 200);
    assert.deepEqual(queries, Array.from({ length: 200 }, (_, i) => `i=${i}`).sort());
  });
});

describe('capture: endpoints and response rules', () => {
  let t: TestCore;
  before(async () => {
    t = await startTestCore();
  });
  after(() => t.stop());

  it('routes by the first path segment; any other path goes to "default"', async () => {
    t.core.api['endpoints.create']({ slug: 'pdfgorilla' });
    await send(`${t.captureUrl}/pdfgorilla/webhooks/job?x=1`, { body: '{}' });
    assert.equal(newest(t).endpoint, 'pdfgorilla');
    await send(`${t.captureUrl}/not-an-endpoint/deep/path`, { body: '{}' });
    assert.equal(newest(t).endpoint, 'default');
    await send(`${t.captureUrl}/`, { method: 'GET' });
    assert.equal(newest(t).endpoint, 'default');
    await send(`${t.captureUrl}/pdfgorillaX`, { body: '{}' });
    assert.equal(newest(t).endpoint, 'default', 'a prefix of a slug is not the slug');
  });

  it('answers with the endpoint rule: status, headers, body, delay; and records what it sent', async () => {
    t.core.api['endpoints.create']({
      slug: 'adobe',
      response: { status: 202, headers: [['Content-Type', 'application/json'], ['X-Ack', 'yes']], body: '{"ack":"done"}', delayMs: 300 },
    });
    const started = performance.now();
    const res = await send(`${t.captureUrl}/adobe`, { body: '{"event_type":"PDF_SERVICES_JOB_STATUS"}' });
    const elapsed = performance.now() - started;
    assert.equal(res.status, 202);
    assert.equal(res.headers['x-ack'], 'yes');
    assert.equal(res.body.toString(), '{"ack":"done"}');
    assert.ok(elapsed >= 290, `the answer waited for the delay (${elapsed.toFixed(0)} ms)`);
    const d = newest(t);
    assert.deepEqual(d.response, {
      status: 202,
      headers: [['Content-Type', 'application/json'], ['X-Ack', 'yes']],
      body: '{"ack":"done"}',
    });
    assert.equal(d.responseStatus, 202);
  });

  it('a new endpoint answers 200 with a small JSON body by default', async () => {
    t.core.api['endpoints.create']({ slug: 'plain' });
    const res = await send(`${t.captureUrl}/plain`, { body: 'x' });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /application\/json/);
    assert.doesNotThrow(() => JSON.parse(res.body.toString()));
  });
});

describe('capture: limits and bad input', () => {
  let t: TestCore;
  before(async () => {
    t = await startTestCore({ limits: { bodyLimitBytes: 64 * 1024, headersTimeoutMs: 1000, idleTimeoutMs: 1000 } });
  });
  after(() => t.stop());

  it('answers 413 with a JSON error to a declared oversized body, and records the rejection with its headers', async () => {
    const res = await send(`${t.captureUrl}/big`, { headers: ['Content-Type', 'application/pdf', 'X-Job', 'j1'], body: randomBytes(200 * 1024) });
    assert.equal(res.status, 413);
    const error = JSON.parse(res.body.toString()) as { error: { code: string; message: string } };
    assert.equal(error.error.code, 'body_too_large');
    const d = newest(t);
    assert.match(d.rejected ?? '', /exceeds the 65536-byte limit/);
    assert.equal(d.responseStatus, 413);
    assert.equal(d.bodySize, 0);
    assert.ok(d.headers.some(([n, v]) => n === 'X-Job' && v === 'j1'));
  });

  it('answers 413 to a chunked body that grows past the limit', async () => {
    const chunks = Array.from({ length: 20 }, () => randomBytes(8 * 1024));
    const res = await send(`${t.captureUrl}/big-chunked`, { body: chunks, chunked: true });
    assert.equal(res.status, 413);
    const d = newest(t);
    assert.equal(d.path, '/big-chunked');
    assert.match(d.rejected ?? '', /more than 65536 bytes arrived/);
  });

  it('answers 400 to malformed HTTP and keeps serving others', async () => {
    const garbage = await sendRaw(t.core.capture.port, 'THIS IS NOT HTTP\r\n\r\n');
    assert.match(garbage, /^HTTP\/1\.1 400 /);
    const badHeader = await sendRaw(t.core.capture.port, 'POST / HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n');
    assert.match(badHeader, /^HTTP\/1\.1 400 /);
    const res = await send(`${t.captureUrl}/after-garbage`, { body: 'ok' });
    assert.equal(res.status, 200);
  });

  it('cuts off a sender that stalls in its headers (slowloris) within a few seconds', async () => {
    const started = performance.now();
    const reply = await sendRaw(t.core.capture.port, 'POST /slow HTTP/1.1\r\nHost: x\r\nX-Partial: ', { timeoutMs: 8000 });
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 5000, `closed after ${elapsed.toFixed(0)} ms`);
    assert.ok(reply === '' || /^HTTP\/1\.1 408/.test(reply), reply);
  });

  it('cuts off a sender that stalls mid-body and keeps what arrived, marked incomplete', async () => {
    const reply = await sendRaw(
      t.core.capture.port,
      'POST /stalled HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100\r\n\r\nfirst forty bytes of a hundred promised.',
      { timeoutMs: 8000 },
    );
    assert.equal(reply, '', 'no answer to a request that never finished');
    // The record is written when the socket closes; give the group commit its turn.
    let d = newest(t);
    for (let i = 0; i < 50 && d.path !== '/stalled'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      d = newest(t);
    }
    assert.equal(d.path, '/stalled');
    assert.match(d.rejected ?? '', /^incomplete: the connection closed after 40 of 100 body bytes/);
    assert.equal(Buffer.from(d.body, 'base64').toString(), 'first forty bytes of a hundred promised.');
  });
});

describe('capture: header cap', () => {
  // Node refuses (431) rather than cuts a request over maxHeadersCount, so the default sets no
  // count cap at all (the 1 MiB header-size limit bounds memory) and nothing is ever truncated.
  it('a configured cap gets a clear 431, never a silent cut, and the listener keeps serving', async () => {
    const t = await startTestCore({ limits: { maxHeadersCount: 50 } });
    try {
      const headers: string[] = [];
      for (let i = 0; i < 80; i++) headers.push(`X-H-${i}`, 'v');
      const res = await send(`${t.captureUrl}/capped`, { headers, body: 'x' });
      assert.equal(res.status, 431);
      assert.match(res.body.toString(), /Request Header Fields Too Large/);
      const ok = await send(`${t.captureUrl}/small`, { body: 'x' });
      assert.equal(ok.status, 200);
      const d = newest(t);
      assert.equal(d.path, '/small');
      assert.equal(d.headersTruncated, false);
    } finally {
      await t.stop();
    }
  });
});
