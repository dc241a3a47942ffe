// End to end: what arrived. A PDF Gorilla webhook whose download link works once, archived on
// arrival by `hookscope serve`, previewed page by page in a real Chromium; the sender's retry
// marked and explained; a failure mode set in the endpoint settings answering the next delivery 500.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdf.js';
import { send } from '../helpers/http.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { DocumentsPage } from './pages/documents-page.js';
import { EndpointSettingsPage } from './pages/endpoint-settings-page.js';
import type { InspectorPage } from './pages/inspector-page.js';

/** Like a provider's storage: each link works for one download, then answers 403. */
async function startOneTimeFileServer(files: Map<string, Buffer>) {
  const served = new Set<string>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
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
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const EVENT_ID = 'cmdoc1e2e3f4g5h6i7j8k9l0';

describe('what arrived UI: documents, retries, failure modes (serve + Chromium)', () => {
  let app: InspectorSession;
  let files: Awaited<ReturnType<typeof startOneTimeFileServer>>;
  let page: Page;
  let inspector: InspectorPage;
  let documents: DocumentsPage;
  let api: ControlClient;
  let body: string;
  let linkUrl: string;
  let firstId: number;

  before(async () => {
    files = await startOneTimeFileServer(new Map([['/once/report.pdf', makePdf({ pages: 3 })]]));
    linkUrl = `${files.url}/once/report.pdf`;
    body = JSON.stringify(
      { jobId: 'cmdocjob0001', status: 'completed', downloadUrl: linkUrl, expiresAt: '2026-04-13T10:00:00.000Z', error: null, timestamp: '2026-04-06T10:01:23.456Z' },
      null,
      2,
    );
    app = await startInspectorSession({
      viewport: { width: 1400, height: 900 },
      seed: async (api) => {
        const settings = await api.patch('/api/settings', { archive: { allowLoopback: true } });
        assert.equal(settings.status, 200, JSON.stringify(settings.json));
        const created = await api.post('/api/endpoints', { slug: 'pdfgorilla', name: 'PDF Gorilla' });
        assert.ok(created.status === 200 || created.status === 201, JSON.stringify(created.json));
      },
    });
    ({ api, page, inspector } = app);
    page.on('dialog', (dialog) => void dialog.dismiss());
    documents = new DocumentsPage(page);
  });

  after(async () => {
    await app?.close();
    await files?.close();
  });

  async function newestId(): Promise<number> {
    const { json } = await api.get('/api/deliveries?limit=1');
    return json.deliveries[0].id as number;
  }

  async function sendEvent(eventId: string, payload: string) {
    return send(`${app.serve.captureUrl}/pdfgorilla/webhooks/pdf`, {
      headers: ['Content-Type', 'application/json', 'x-pdfg-event-id', eventId],
      body: payload,
    });
  }

  it('archives the PDF a completed job links to, and previews it page by page after the link expired', async () => {
    const answer = await sendEvent(EVENT_ID, body);
    assert.equal(answer.status, 200);
    firstId = await newestId();

    let docs: { state: string; pages: number | null }[] = [];
    for (let i = 0; i < 200; i++) {
      docs = (await api.get(`/api/deliveries/${firstId}/documents`)).json;
      if (docs.length > 0 && docs.every((d) => d.state !== 'pending')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal(docs.length, 1, JSON.stringify(docs));
    assert.equal(docs[0]!.state, 'archived', JSON.stringify(docs));
    assert.equal(docs[0]!.pages, 3);
    assert.equal((await fetch(linkUrl)).status, 403, 'the one-time link is dead now');

    const row = inspector.row(firstId);
    await row.waitFor({ timeout: 10_000 });
    const badge = documents.providerBadge(row);
    await badge.waitFor({ timeout: 10_000 });
    assert.equal((await badge.innerText()).trim(), 'PDF Gorilla');
    assert.equal(await badge.getAttribute('data-outcome'), 'success');
    assert.equal(await documents.attemptBadge(row).count(), 0, 'a first delivery is no retry');

    await inspector.openDelivery(firstId);
    await documents.arrival.waitFor();
    assert.match(await documents.arrival.innerText(), /PDF Gorilla/);
    assert.match(await documents.arrival.innerText(), /cmdocjob0001/);
    assert.match(await documents.arrival.innerText(), /Answered in/);

    await documents.tab.waitFor();
    assert.match(await documents.tab.innerText(), /Documents\s*1/, 'the tab counts the documents');
    await documents.openDocuments();
    await documents.indicator.waitFor({ timeout: 15_000 });
    await documents.waitForPage(1);
    assert.equal((await documents.indicator.innerText()).trim(), 'Page 1 of 3');
    assert.ok((await documents.inkedPixels()) > 50, 'page 1 is drawn, not blank');

    await documents.next.click();
    await documents.waitForPage(2);
    assert.equal((await documents.indicator.innerText()).trim(), 'Page 2 of 3');
    assert.equal((await documents.metaPages.innerText()).trim(), '3');
    assert.ok((await documents.inkedPixels()) > 50, 'page 2 is drawn, not blank');
  });

  it('marks the sender retrying the same event, and links back to the first attempt', async () => {
    await sendEvent(EVENT_ID, body);
    const retryId = await newestId();
    assert.notEqual(retryId, firstId);
    const row = inspector.row(retryId);
    await row.waitFor({ timeout: 10_000 });
    const marker = documents.attemptBadge(row);
    await marker.waitFor({ timeout: 10_000 });
    assert.equal((await marker.innerText()).trim().toLowerCase(), 'attempt 2');

    await inspector.openDelivery(retryId);
    await documents.openOverview();
    await documents.duplicate.waitFor({ timeout: 10_000 });
    const text = await documents.duplicate.innerText();
    assert.match(text, /attempt 2 of 2/);
    assert.match(text, /Same payload/);
    assert.match(text, /after the previous attempt/);

    await documents.duplicate.getByTestId('goto-first-attempt').click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="detail-id"]')?.textContent === `#${id}`, firstId);
  });

  it('answers the next delivery 500 once "fail the first 1" is saved in the endpoint settings', async () => {
    const settings = new EndpointSettingsPage(page);
    await settings.open('pdfgorilla');
    const contract = settings.dialog.getByTestId('failure-settings');
    await contract.scrollIntoViewIfNeeded();
    await contract.getByTestId('failure-mode').selectOption('fail-first');
    await contract.getByTestId('failure-count').fill('1');
    await settings.saveAndWait();
    const saved = (await api.get('/api/endpoints')).json.endpoints as { slug: string; failureMode: unknown }[];
    assert.deepEqual(saved.find((e) => e.slug === 'pdfgorilla')?.failureMode, { kind: 'fail-first', count: 1, per: 'endpoint' });

    const failed = await sendEvent('cmdocfail000000000000001', JSON.stringify({ jobId: 'cmdocjob0002', status: 'failed', error: { code: 'X', message: 'y' } }));
    assert.equal(failed.status, 500);
    const next = await sendEvent('cmdocfail000000000000002', JSON.stringify({ jobId: 'cmdocjob0003', status: 'failed', error: { code: 'X', message: 'y' } }));
    assert.equal(next.status, 200, 'only the first delivery after saving fails');

    const stats = settings.dialog.getByTestId('endpoint-stats');
    await stats.getByTestId('refresh-stats').click();
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="stats-count"]')?.textContent) >= 4);
    await settings.close();
  });

  it('raised no page errors and no CSP violations', () => {
    assert.deepEqual(app.problems, []);
  });
});
