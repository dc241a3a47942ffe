// End to end: content built to break the inspector. A 20 KB JSON body nested 10,000 levels deep
// (it overflowed JSON.stringify and blanked the whole app) and a ~1 KB PDF whose shared page tree
// declares 1,000,000 pages (one thumbnail per page hung the tab), captured by `hookscope serve`
// and opened in a real Chromium: the app stays up, shows what it can, and keeps answering.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { send } from '../helpers/http.js';
import { makeSharedTreePdf } from '../fixtures/hostile-pdf.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { DocumentsPage } from './pages/documents-page.js';
import type { InspectorPage } from './pages/inspector-page.js';
import { UntrustedContentPage } from './pages/untrusted-content-page.js';

const DEPTH = 10_000;
const DEEP_JSON = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const PAGES = 1_000_000;

describe('untrusted content cannot blank or hang the inspector (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let views: UntrustedContentPage;
  let documents: DocumentsPage;
  let api: ControlClient;

  before(async () => {
    app = await startInspectorSession({ viewport: { width: 1400, height: 900 }, console: false });
    ({ api, page, inspector } = app);
    views = new UntrustedContentPage(page);
    documents = new DocumentsPage(page);
  });

  after(() => app?.close());

  async function capture(path: string, contentType: string, body: string | Buffer): Promise<number> {
    const answer = await send(`${app.serve.captureUrl}${path}`, { headers: ['Content-Type', contentType], body });
    assert.equal(answer.status, 200);
    const { json } = await api.get('/api/deliveries?limit=1');
    const id = json.deliveries[0].id as number;
    await inspector.row(id).waitFor({ timeout: 10_000 });
    return id;
  }

  it('shows a JSON body nested 10,000 levels deep in every body view, and the app keeps working', async () => {
    const plainId = await capture('/orders', 'application/json', '{"order":"ord_1","total":42}');
    const deepId = await capture('/deep', 'application/json', DEEP_JSON);
    assert.equal(DEEP_JSON.length, 20_000);

    await inspector.openDelivery(deepId);
    await inspector.tab('Body');
    // JSON is the default view of a JSON body: a tree of the first levels and a notice.
    await views.jsonTree.waitFor({ timeout: 10_000 });
    assert.match(await views.jsonDeep.innerText(), /Nested 10,000 levels deep: levels past 100/);
    await inspector.bodyView('Pretty');
    assert.match(await views.jsonPretty.innerText(), /… deeper levels not shown/);

    await inspector.bodyView('Text');
    await views.text.waitFor();
    assert.equal((await views.text.innerText()).length, DEEP_JSON.length, 'the text view shows the body as it arrived');
    await inspector.bodyView('Hex');
    await views.hex.waitFor();
    assert.match(await views.hex.innerText(), /5b 5b 5b 5b/);
    await inspector.bodyView('JSON');
    await views.jsonTree.waitFor();
    assert.equal(await views.viewError.count(), 0, 'no view had to give up');

    // The rest of the app is alive: the list is there and another delivery opens.
    assert.equal(await inspector.list.isVisible(), true);
    await inspector.openDelivery(plainId);
    await page.locator('[data-testid="detail-id"]', { hasText: `#${plainId}` }).waitFor();
    await views.jsonTree.waitFor();
    assert.match(await views.jsonTree.innerText(), /"order":\s+"ord_1"/);
    await views.responsive();
  });

  it('previews a PDF declaring 1,000,000 pages: the count, a bounded strip of thumbnails, a responsive page', async (t) => {
    const pdf = makeSharedTreePdf({ levels: 6, fanout: 10 });
    assert.ok(pdf.length < 1_500, `the hostile PDF is ${pdf.length} bytes`);
    const id = await capture('/files', 'application/pdf', pdf);
    let docs: { state: string }[] = [];
    for (let i = 0; i < 200; i++) {
      docs = (await api.get(`/api/deliveries/${id}/documents`)).json;
      if (docs.length > 0 && docs.every((d) => d.state !== 'pending')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(docs[0]?.state, 'archived', JSON.stringify(docs));

    await inspector.openDelivery(id);
    await documents.openDocuments();
    await documents.indicator.waitFor({ timeout: 20_000 });
    assert.equal((await documents.indicator.innerText()).trim(), `Page 1 of ${PAGES}`);
    await documents.waitForPage(1, 20_000);
    await views.responsive();
    const thumbnails = await views.thumbnail.count();
    assert.ok(thumbnails > 0 && thumbnails < 50, `${thumbnails} thumbnails in the DOM`);
    t.diagnostic(`${pdf.length}-byte PDF, ${PAGES} pages declared: ${thumbnails} thumbnails in the DOM`);
    assert.match(await views.thumbnailsMore.innerText(), /first 5,000 of 1,000,000 pages/);

    // Scrolling the strip far down mounts other thumbnails, still a bounded number.
    await views.thumbnails.evaluate((strip) => strip.scrollTo({ top: strip.scrollHeight / 2 }));
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="pdf-thumbnail"]')].some((t) => Number(t.getAttribute('data-page-number')) > 1000));
    assert.ok((await views.thumbnail.count()) < 50);

    // Navigation reaches any page; a number past the end goes to the last page.
    await documents.next.click();
    await documents.waitForPage(2, 20_000);
    await views.pageJump.fill('99999999');
    await views.pageJumpGo.click();
    await documents.waitForPage(PAGES, 20_000);
    assert.equal((await documents.indicator.innerText()).trim(), `Page ${PAGES} of ${PAGES}`);
    await views.responsive();
  });

  it('raised no page errors', () => {
    assert.deepEqual(app.problems, []);
  });
});
