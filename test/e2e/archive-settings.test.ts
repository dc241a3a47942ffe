// End to end: documents that could not be archived. A link to a loopback server that was down is
// fetched again once it is up ("Fetch again" → documents.refetch); a loopback link refused by the
// address guard points to the archive settings, where allowing loopback lets the next one archive.
// Against `hookscope serve` in Chromium, with real loopback file servers.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdf.js';
import { send } from '../helpers/http.js';
import { deadPort } from '../helpers/target-server.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { ArchivePage } from './pages/archive-page.js';
import type { InspectorPage } from './pages/inspector-page.js';

const pdf = makePdf({ pages: 2 });

/** Serves the PDF at every path, on `port` (0: any). */
async function startPdfServer(port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': pdf.length });
    res.end(pdf);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

describe('archive: Fetch again and the archive settings (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let archive: ArchivePage;
  let api: ControlClient;
  const servers: { close: () => Promise<void> }[] = [];

  before(async () => {
    app = await startInspectorSession({
      viewport: { width: 1400, height: 900 },
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'pdfg', name: 'PDF Gorilla' });
      },
    });
    ({ api, page, inspector } = app);
    archive = new ArchivePage(page);
  });

  after(async () => {
    await app?.close();
    for (const server of servers) await server.close();
  });

  /** A PDF Gorilla "completed" webhook linking to `url`; opens it on its Documents tab. */
  async function deliverLink(job: string, url: string): Promise<number> {
    const body = JSON.stringify({ jobId: job, status: 'completed', downloadUrl: url, error: null, timestamp: '2026-04-06T10:01:23.456Z' });
    const answer = await send(`${app.serve.captureUrl}/pdfg/hook`, { headers: ['Content-Type', 'application/json', 'x-pdfg-event-id', job], body });
    assert.equal(answer.status, 200);
    const { json } = await api.get('/api/deliveries?limit=1');
    const id = json.deliveries[0].id as number;
    await inspector.openDelivery(id);
    await page.locator('[data-testid="detail-id"]', { hasText: `#${id}` }).waitFor({ timeout: 10_000 });
    await archive.openDocuments();
    return id;
  }

  it('a document whose server was down: start the server, click Fetch again, it archives', async () => {
    assert.equal((await api.patch('/api/settings', { archive: { allowLoopback: true } })).status, 200);
    const port = await deadPort();
    const id = await deliverLink('job-down', `http://127.0.0.1:${port}/report.pdf`);
    const failed = archive.item('failed');
    await failed.waitFor({ timeout: 20_000 });
    assert.match(await failed.getByTestId('document-error').innerText(), /network_error|refused/i);

    servers.push(await startPdfServer(port));
    await failed.getByTestId('document-refetch').click();
    const archived = archive.item('archived');
    await archived.waitFor({ timeout: 20_000 });
    assert.match(await archived.getByTestId('document-facts').innerText(), /2 pages/);
    const { json: documents } = await api.get(`/api/deliveries/${id}/documents`);
    assert.equal(documents.length, 1, 'fetched again into the same document, not a new one');
    assert.equal(documents[0].state, 'archived');
  });

  it('a refused loopback link points to the archive settings; allowing loopback there lets the next one archive', async () => {
    assert.equal((await api.patch('/api/settings', { archive: { allowLoopback: false } })).status, 200);
    const files = await startPdfServer();
    servers.push(files);
    await deliverLink('job-refused', `${files.url}/refused.pdf`);
    const failed = archive.item('failed');
    await failed.waitFor({ timeout: 20_000 });
    assert.match(await failed.getByTestId('document-error').innerText(), /blocked_address: 127\.0\.0\.1 is a loopback address.*archive settings/);

    await failed.getByTestId('document-allow-loopback').click();
    const allow = archive.settings.getByTestId('archive-allow-loopback');
    await allow.waitFor();
    assert.equal(await allow.isChecked(), false);
    assert.equal(await allow.evaluate((element) => element === document.activeElement), true, 'the hint lands on the setting');
    await allow.check();
    await archive.save();
    const { json: settings } = await api.get('/api/settings');
    assert.equal(settings.archive.allowLoopback, true);

    await deliverLink('job-allowed', `${files.url}/allowed.pdf`);
    await archive.item('archived').waitFor({ timeout: 20_000 });
  });

  it('the archive settings save limits, and refuse a value out of range', async () => {
    await archive.documents.getByTestId('archive-settings-button').click();
    await archive.settings.waitFor();
    await archive.settings.getByTestId('archive-timeout').fill('400');
    assert.equal(await archive.settings.getByTestId('archive-settings-save').isDisabled(), true);
    await archive.settings.getByTestId('archive-timeout').fill('12.5');
    await archive.settings.getByTestId('archive-redirects').fill('2');
    await archive.settings.getByTestId('archive-max-mib').fill('8');
    await archive.save();
    const { json: settings } = await api.get('/api/settings');
    assert.deepEqual(settings.archive, { ...settings.archive, timeoutMs: 12_500, maxRedirects: 2, maxBytes: 8 * 1024 * 1024, allowLoopback: true });
  });

  it('raised no page errors and no CSP violations', () => {
    assert.deepEqual(app.problems, []);
  });
});
