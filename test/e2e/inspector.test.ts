// End to end: `hookscope serve` as a user starts it, the inspector in a real Chromium, real
// deliveries over loopback.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { pdfGorillaCompleted } from '../fixtures/payloads.js';
import { send } from '../helpers/http.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import type { InspectorPage } from './pages/inspector-page.js';

describe('inspector UI (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let api: ControlClient;
  const dialogs: string[] = [];
  let navigations = 0;

  before(async () => {
    app = await startInspectorSession({
      open: false,
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'pdfgorilla', name: 'PDF Gorilla' });
      },
    });
    ({ api, page, inspector } = app);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations++;
    });
    await inspector.open(app.serve.inspectorUrl);
  });

  after(() => app?.close());

  async function newestId(): Promise<number> {
    const { json } = await api.get('/api/deliveries?limit=1');
    return json.deliveries[0].id as number;
  }

  it('shows a new delivery live, without a reload, and its headers in order and body', async () => {
    const navigationsBefore = navigations;
    await send(`${app.serve.captureUrl}/pdfgorilla/webhooks/pdf?attempt=1`, {
      headers: [
        'Content-Type', 'application/json',
        'x-pdfg-event-id', 'cma1b2c3d4e5f6g7h8i9j0k',
        'X-Dup', 'first',
        'x-pdfg-signature', 'c0ffee'.repeat(10) + 'abcd',
        'x-dup', 'second',
      ],
      body: pdfGorillaCompleted,
    });
    const id = await newestId();
    await inspector.row(id).waitFor({ timeout: 10_000 });
    assert.equal(navigations, navigationsBefore, 'the page did not reload');
    assert.match(await inspector.row(id).innerText(), /POST/);
    assert.match(await inspector.row(id).innerText(), /\/pdfgorilla\/webhooks\/pdf/);

    await inspector.openDelivery(id);
    await inspector.tab('Headers');
    const table = inspector.detail.getByTestId('headers-table');
    await table.waitFor();
    const text = await table.innerText();
    const order = ['Content-Type', 'x-pdfg-event-id', 'X-Dup', 'x-pdfg-signature', 'x-dup'].map((name) => text.indexOf(name));
    assert.ok(order.every((at) => at >= 0), `every header is shown:\n${text}`);
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'in the order they were sent');
    assert.match(text, /cma1b2c3d4e5f6g7h8i9j0k/);

    await inspector.tab('Body');
    await inspector.bodyView('Text');
    const bodyText = await inspector.detail.getByTestId('body-text').innerText();
    assert.equal(bodyText.trim(), pdfGorillaCompleted.trim());
    await inspector.bodyView('Pretty');
    assert.match(await inspector.detail.getByTestId('body-json').innerText(), /"status": "completed"/);
    await inspector.bodyView('Hex');
    assert.match(await inspector.detail.getByTestId('body-hex').innerText(), /7b 0a 20 20 22 6a 6f 62/i); // {\n  "job
  });

  it('shows hostile payloads as text and runs nothing', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=2;alert(2)</script><a href="javascript:alert(3)">x</a>';
    await send(`${app.serve.captureUrl}/pdfgorilla/<script>alert(4)</script>`, {
      headers: ['Content-Type', 'text/html', 'X-Evil', '<img src=x onerror=alert(5)>'],
      body: hostile,
    });
    const id = await newestId();
    await inspector.row(id).waitFor({ timeout: 10_000 });
    await inspector.openDelivery(id);
    await inspector.tab('Headers');
    assert.match(await inspector.detail.getByTestId('headers-table').innerText(), /<img src=x onerror=alert\(5\)>/);
    await inspector.tab('Body');
    await inspector.bodyView('Text');
    assert.equal((await inspector.detail.getByTestId('body-text').innerText()).trim(), hostile);
    await inspector.bodyView('Hex');
    await inspector.bodyView('Text');
    // Give any injected handler the chance to fire.
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('img[src="x"], script:not([src]), a[href^="javascript:"]').count(), 0);
    assert.deepEqual(dialogs, []);
  });

  it('raised no page errors and no CSP violations', () => {
    assert.deepEqual(app.problems, []);
  });
});
