// What arrived, through the real core: recognition, duplicates, failure modes, handling-time
// reports, and documents archived on arrival from a loopback file server whose links expire.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestCore, type TestCore } from '../helpers/core.js';
import { send } from '../helpers/http.js';
import { makePdf, s3Denied } from '../fixtures/pdf.js';
import { adobeDone, goShiipWithStatus } from '../fixtures/providers.js';
import { pdfShiftSuccess } from '../fixtures/payloads.js';

/** A file server like a provider's storage: each /once/ link works for one download, then 403s. */
async function startFileServer(files: Map<string, Buffer>) {
  const served = new Set<string>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/denied/')) {
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end(s3Denied);
      return;
    }
    const file = files.get(path);
    if (!file || served.has(path)) {
      res.writeHead(403, { 'Content-Type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    served.add(path);
    res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': file.length });
    res.end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const put = (path: string, file: Buffer) => files.set(path, file);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served, put, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('what arrived (core)', () => {
  let t: TestCore;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  const threePages = makePdf({ pages: 3 });

  before(async () => {
    files = await startFileServer(new Map([['/once/job-1.pdf', threePages], ['/once/shift.pdf', threePages]]));
    t = await startTestCore({ random: () => 0.99 });
    t.core.api['settings.update']({ archive: { allowLoopback: true } });
  });
  after(async () => {
    await t.stop();
    await files.close();
  });

  async function settledNewest() {
    for (let i = 0; i < 100; i++) {
      const [summary] = t.core.api['deliveries.list']({ limit: 1 }).deliveries;
      if (summary?.verification) {
        await t.core.documentsSettled();
        return t.core.api['deliveries.get']({ id: summary.id });
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('never enriched');
  }

  it('archives a PDF Gorilla document on arrival; it is still there after the link expired', async () => {
    t.core.api['endpoints.create']({ slug: 'pdfg' });
    const body = JSON.stringify({
      jobId: 'job-1',
      status: 'completed',
      downloadUrl: `${files.url}/once/job-1.pdf`,
      expiresAt: '2026-04-13T10:00:00.000Z',
      error: null,
      timestamp: '2026-04-06T10:01:23.456Z',
    });
    await send(`${t.captureUrl}/pdfg/hook`, { headers: ['Content-Type', 'application/json', 'x-pdfg-event-id', 'job-1'], body });
    const d = await settledNewest();
    assert.equal(d.provider?.id, 'pdfgorilla');
    assert.equal(d.provider?.outcome, 'success');
    assert.equal(d.provider?.jobId, 'job-1');

    const [doc] = t.core.api['documents.list']({ id: d.id });
    assert.equal(doc?.state, 'archived', JSON.stringify(doc));
    assert.equal(doc?.pages, 3);
    assert.equal(doc?.sha256, createHash('sha256').update(threePages).digest('hex'));
    assert.equal(doc?.field, 'downloadUrl');

    // The sender's link is dead now; the archived copy is not.
    const again = await fetch(`${files.url}/once/job-1.pdf`);
    assert.equal(again.status, 403);
    const content = t.core.api['documents.content']({ id: doc!.id });
    assert.ok(Buffer.from(content.body, 'base64').equals(threePages));
  });

  it('groups retries of the same event: attempt numbers, time since the previous, payload changes', async () => {
    const first = JSON.stringify({ jobId: 'job-2', status: 'failed', error: { code: 'RENDER_TIMEOUT', message: 'x' }, timestamp: 't1' });
    const changed = JSON.stringify({ jobId: 'job-2', status: 'failed', error: { code: 'RENDER_TIMEOUT', message: 'x' }, timestamp: 't2' });
    for (const body of [first, first, changed]) {
      await send(`${t.captureUrl}/pdfg/hook`, { headers: ['Content-Type', 'application/json', 'x-pdfg-event-id', 'job-2'], body });
    }
    const third = await settledNewest();
    assert.equal(third.provider?.outcome, 'failure');
    assert.equal(third.duplicate?.attempt, 3);
    assert.equal(third.duplicate?.of, 3);
    assert.equal(third.duplicate?.payloadChanged, true);
    assert.ok((third.duplicate?.sincePreviousMs ?? -1) >= 0);
    const second = t.core.api['deliveries.get']({ id: third.duplicate!.previousId! });
    assert.equal(second.duplicate?.attempt, 2);
    assert.equal(second.duplicate?.payloadChanged, false);
    const [summary] = t.core.api['deliveries.list']({ limit: 1, endpoint: 'pdfg' }).deliveries;
    assert.equal(summary?.attempt, 3);
    assert.equal(summary?.provider?.name, 'PDF Gorilla');
  });

  it('records an S3 AccessDenied in place of the document as a failure with its reason', async () => {
    const body = JSON.stringify({ jobId: 'job-3', status: 'completed', downloadUrl: `${files.url}/denied/job-3.pdf`, expiresAt: 'x', error: null });
    await send(`${t.captureUrl}/pdfg/hook`, { headers: ['Content-Type', 'application/json'], body });
    const d = await settledNewest();
    const [doc] = t.core.api['documents.list']({ id: d.id });
    assert.equal(doc?.state, 'failed');
    assert.equal(doc?.error?.code, 'access_denied');
  });

  it('fetches a failed document again into the same row; refuses an archived one and an unknown id', async () => {
    const body = JSON.stringify({ jobId: 'job-4', status: 'completed', downloadUrl: `${files.url}/once/job-4.pdf`, expiresAt: 'x', error: null });
    await send(`${t.captureUrl}/pdfg/hook`, { headers: ['Content-Type', 'application/json'], body });
    const d = await settledNewest();
    const [failed] = t.core.api['documents.list']({ id: d.id });
    assert.equal(failed?.state, 'failed', 'no file at that link yet');
    files.put('/once/job-4.pdf', threePages);
    const pending = t.core.api['documents.refetch']({ id: failed!.id });
    assert.equal(pending.state, 'pending');
    assert.equal(pending.error, null);
    await t.core.documentsSettled();
    const after = t.core.api['documents.list']({ id: d.id });
    assert.deepEqual(after.map((doc) => [doc.id, doc.state, doc.pages]), [[failed!.id, 'archived', 3]]);
    assert.throws(() => t.core.api['documents.refetch']({ id: failed!.id }), { code: 'conflict' });
    assert.throws(() => t.core.api['documents.refetch']({ id: 999_999 }), { code: 'not_found' });
  });

  it('flags a PDFShift claim the file contradicts', async () => {
    const body = pdfShiftSuccess.replace(/"url": "[^"]+"/, `"url": "${files.url}/once/shift.pdf"`);
    await send(`${t.captureUrl}/shift`, { headers: ['Content-Type', 'application/json'], body });
    const d = await settledNewest();
    assert.equal(d.provider?.id, 'pdfshift');
    const [doc] = t.core.api['documents.list']({ id: d.id });
    assert.equal(doc?.state, 'archived');
    assert.deepEqual(doc?.claims, { size: 34980, pages: 1 });
    assert.equal(doc?.mismatches.length, 2, JSON.stringify(doc?.mismatches));
  });

  it('keeps a PDF posted as the body itself as a document', async () => {
    await send(`${t.captureUrl}/upload`, { headers: ['Content-Type', 'application/pdf'], body: threePages });
    const d = await settledNewest();
    const [doc] = t.core.api['documents.list']({ id: d.id });
    assert.equal(doc?.origin, 'body');
    assert.equal(doc?.pages, 3);
  });

  it('fails the first N deliveries, then answers as the rule says', async () => {
    t.core.api['endpoints.create']({ slug: 'flaky', failureMode: { kind: 'fail-first', count: 2, status: 503 } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await send(`${t.captureUrl}/flaky`, { body: goShiipWithStatus('Delivered') })).status);
    assert.deepEqual(statuses, [503, 503, 200]);
    t.core.api['endpoints.update']({ slug: 'flaky', failureMode: { kind: 'fail-first', count: 1 } });
    assert.equal((await send(`${t.captureUrl}/flaky`, { body: 'x' })).status, 500, 'setting the mode restarts its count');
  });

  it('answers a wrong ack, and answers late on request; the handling time is recorded', async () => {
    t.core.api['endpoints.create']({ slug: 'adobe', provider: 'adobe', failureMode: { kind: 'wrong-ack' } });
    const wrong = await send(`${t.captureUrl}/adobe`, { headers: ['Content-Type', 'application/json'], body: adobeDone });
    assert.notEqual(wrong.body.toString(), '{"ack":"done"}');
    t.core.api['endpoints.update']({ slug: 'adobe', failureMode: { kind: 'after-deadline', delayMs: 400 } });
    const started = performance.now();
    await send(`${t.captureUrl}/adobe`, { headers: ['Content-Type', 'application/json'], body: adobeDone });
    assert.ok(performance.now() - started >= 390);
    const late = await settledNewest();
    assert.ok((late.handledMs ?? 0) >= 390, `handled in ${late.handledMs} ms`);

    const stats = t.core.api['endpoints.stats']({ slug: 'adobe' });
    assert.equal(stats.provider, 'adobe');
    assert.equal(stats.adobe?.blockAt, 50);
    assert.equal(stats.adobe?.errorsLast10Min, 2, 'the wrong ack and the late answer... ' + JSON.stringify(stats.adobe));
    assert.ok(stats.deadline.count >= 2);
  });
});
