// End to end: "Send test event" from an endpoint in the inspector, against `hookscope serve`:
// a PDF Gorilla event sent to the endpoint itself arrives signed with the endpoint's own secret
// and verifies; an Adobe event sent to a handler that answers the wrong body is judged on Adobe's
// ack rule, with the handler's (hostile) answer shown as text; the runs are kept in the panel.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';
import { startInspectorSession, type InspectorSession } from './harness/inspector-session.js';
import type { InspectorPage } from './pages/inspector-page.js';
import { TriggerPage } from './pages/trigger-page.js';

const HOSTILE = '<img src=x onerror="window.__pwned=1">{"ack":"nope"}';

describe('Send test event (serve + Chromium)', () => {
  let app: InspectorSession;
  let handler: TargetServer;
  let page: Page;
  let inspector: InspectorPage;
  let trigger: TriggerPage;

  before(async () => {
    handler = await startTargetServer(() => ({ status: 200, headers: [['Content-Type', 'text/html']], body: HOSTILE }));
    app = await startInspectorSession({
      viewport: { width: 1500, height: 950 },
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'pdf', name: 'PDF jobs' });
        await api.patch('/api/endpoints/pdf', { verification: { scheme: 'pdfgorilla', secret: 'e2e-endpoint-secret-0123456789' } });
      },
    });
    ({ page, inspector } = app);
    trigger = new TriggerPage(page);
  });

  after(async () => {
    await app?.close();
    await handler?.close();
  });

  it('sends an edited PDF Gorilla event to the endpoint itself: met, captured, signed with the endpoint\'s secret', async () => {
    await trigger.open('pdf');
    assert.equal(await trigger.template.inputValue(), 'pdfgorilla.completed', 'the endpoint verifies as PDF Gorilla');
    await trigger.contract.getByText(/Deadline 5 s; answer any 2xx/).waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="trigger-body"]') !== null);
    await trigger.body.getByText(/"status": "completed"/).waitFor();
    assert.match(await trigger.bodyText(), /"jobId": "c[0-9a-z]{22}"/, 'a fresh cuid-like job id');
    await trigger.typeBody('{"jobId":"job_from_the_panel","status":"completed","downloadUrl":"https://files.example/x.pdf","error":null}');
    await trigger.send.click();
    await trigger.verdict.waitFor({ timeout: 20_000 });
    assert.equal(await trigger.verdict.getAttribute('data-met'), 'true', await trigger.verdict.innerText());
    assert.match(await trigger.verdict.innerText(), /PDF Gorilla would accept this: answered 200/);
    await page.getByTestId('close-trigger').click();

    // Captured like any delivery, and valid: the panel signed with the endpoint's own secret.
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="delivery-row"]').length > 0, undefined, { timeout: 20_000 });
    const row = inspector.rows.first();
    await row.getByTestId('verification-badge').getByText(/valid/i).waitFor({ timeout: 20_000 });
    await row.click();
    await inspector.detail.getByText('job_from_the_panel').first().waitFor();
  });

  it('judges an Adobe event on the ack rule against any URL, echoing the configured headers, the answer shown as text', async () => {
    await trigger.open('pdf');
    await trigger.choose('adobe.done');
    await trigger.contract.getByText(/answer 200 with the JSON body \{"ack":"done"\}/).waitFor();
    await trigger.body.getByText(/"status": "done"/).waitFor();
    await trigger.dialog.getByTestId('trigger-add-header').click();
    await trigger.dialog.getByTestId('trigger-header-name').fill('x-api-key');
    await trigger.dialog.getByTestId('trigger-header-value').fill('dummykey');
    await trigger.target('url');
    await trigger.url.fill(`${handler.url}/adobe/callback`);
    await trigger.send.click();
    await trigger.verdict.waitFor({ timeout: 20_000 });
    assert.equal(await trigger.verdict.getAttribute('data-met'), 'false');
    assert.match(await trigger.verdict.innerText(), /Adobe PDF Services would count this as failed: answered 200 with .*requires the JSON body \{"ack":"done"\}/);
    assert.equal(await trigger.responseBodies.first().textContent(), HOSTILE, 'shown as text');
    assert.equal(await trigger.dialog.locator('img').count(), 0, 'never as markup');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    const received = handler.received.at(-1)!;
    assert.equal(received.url, '/adobe/callback');
    assert.equal(headerOf(received.headers, 'x-api-key'), 'dummykey');
    assert.equal(JSON.parse(received.body.toString()).statusResponse.status, 'done');
    assert.equal(await trigger.runs.count(), 2, 'both runs kept');
    assert.deepEqual(app.problems, []);
  });
});
