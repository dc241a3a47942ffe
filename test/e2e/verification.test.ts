// End to end: signature verification set up from the inspector's endpoint settings, then real
// signed deliveries over loopback, judged in the delivery list and the Signature tab.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { pdfGorillaCompleted } from '../fixtures/payloads.js';
import { send } from '../helpers/http.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { EndpointSettingsPage } from './pages/endpoint-settings-page.js';
import type { InspectorPage } from './pages/inspector-page.js';

const SECRET = 'pdfg-whsec-7Qm2Zx9LkV4tR8wN';
const sign = (body: string | Buffer) => createHmac('sha256', SECRET).update(body).digest('hex');

/** Polls until the locator's text is exactly `expected` (badges change in place after arrival). */
async function waitForText(locator: Locator, expected: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    last = ((await locator.innerText({ timeout: timeoutMs }).catch(() => '')) ?? '').trim();
    if (last === expected) return;
    if (Date.now() > deadline) assert.fail(`expected "${expected}", still "${last}"`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('signature verification UI (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let settings: EndpointSettingsPage;
  let api: ControlClient;

  before(async () => {
    app = await startInspectorSession({
      viewport: { width: 1440, height: 900 },
      // A refused save is logged by Chromium as a failed resource load; that is expected here.
      console: /status of 400/,
    });
    ({ api, page, inspector } = app);
    settings = new EndpointSettingsPage(page);
  });

  after(() => app?.close());

  async function newestId(): Promise<number> {
    const { json } = await api.get('/api/deliveries?limit=1');
    return json.deliveries[0].id as number;
  }

  async function deliver(body: string | Buffer, signature: string): Promise<number> {
    const response = await send(`${app.serve.captureUrl}/pdfgorilla`, {
      headers: ['Content-Type', 'application/json', 'x-pdfg-signature', signature],
      body,
    });
    assert.equal(response.status, 200);
    return newestId();
  }

  async function signatureOf(id: number): Promise<{ status: string; reason: string }> {
    await inspector.row(id).waitFor({ timeout: 10_000 });
    await inspector.openDelivery(id);
    const panel = await inspector.signatureTab();
    await waitForText(inspector.detail.getByTestId('detail-id'), `#${id}`);
    const status = panel.getByTestId('verification-status');
    // The detail may have been fetched before verification finished ("…"); it refetches on delivery.updated.
    await page.waitForFunction(() => document.querySelector('[data-testid="verification-status"]')?.textContent !== '…');
    return { status: (await status.innerText()).trim(), reason: (await panel.getByTestId('verification-reason').innerText()).trim() };
  }

  it('shows the API error when a setting is refused, and no delete for the built-in endpoint', async () => {
    await settings.open('default');
    assert.equal(await settings.dialog.getByTestId('delete-endpoint').count(), 0);
    await settings.chooseScheme('basic');
    await settings.secret.fill('no-colon-here');
    await settings.save.click();
    await settings.error.waitFor();
    assert.match(await settings.error.innerText(), /user:password/);
    await settings.close();
    const { json } = await api.get('/api/endpoints');
    assert.equal(json.endpoints.find((e: { slug: string }) => e.slug === 'default').verification, null, 'nothing was saved');
  });

  it('creates an endpoint from the sidebar and sets PDF Gorilla verification with a secret', async () => {
    await settings.createEndpoint('pdfgorilla');
    await settings.open('pdfgorilla');
    await settings.chooseScheme('pdfgorilla');
    await settings.secret.fill(SECRET);
    await settings.saveAndWait();

    assert.equal(await settings.secret.inputValue(), '', 'the secret field is emptied once saved');
    assert.equal(await settings.secret.getAttribute('type'), 'password');
    assert.equal(await settings.secret.getAttribute('placeholder'), `set (…${SECRET.slice(-4)}) — leave empty to keep`);
    const { json } = await api.get('/api/endpoints');
    const saved = json.endpoints.find((e: { slug: string }) => e.slug === 'pdfgorilla');
    assert.deepEqual(saved.verification, { scheme: 'pdfgorilla', options: {}, secretSet: true, secretHint: `…${SECRET.slice(-4)}` });
    await settings.close();
  });

  it('marks a delivery signed over the raw body "valid" in the list and the Signature tab', async () => {
    const id = await deliver(pdfGorillaCompleted, sign(pdfGorillaCompleted));
    await inspector.row(id).waitFor({ timeout: 10_000 });
    await waitForText(inspector.verificationBadge(id), 'valid');
    const { status } = await signatureOf(id);
    assert.equal(status, 'valid');
  });

  it('marks a body changed by one byte "invalid" and blames the body or the secret', async () => {
    const tampered = Buffer.from(pdfGorillaCompleted);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    const id = await deliver(tampered, sign(pdfGorillaCompleted));
    await inspector.row(id).waitFor({ timeout: 10_000 });
    await waitForText(inspector.verificationBadge(id), 'invalid');
    const { status, reason } = await signatureOf(id);
    assert.equal(status, 'invalid');
    assert.match(reason, /body|secret/i);
    const panel = inspector.detail.getByTestId('verification-panel');
    assert.equal((await panel.getByTestId('verification-received').innerText()).trim(), sign(pdfGorillaCompleted));
    assert.notEqual((await panel.getByTestId('verification-expected').innerText()).trim(), sign(pdfGorillaCompleted));
  });

  it('names a re-serialized JSON body as the cause', async () => {
    const compact = JSON.stringify(JSON.parse(pdfGorillaCompleted));
    const id = await deliver(compact, sign(pdfGorillaCompleted));
    await inspector.row(id).waitFor({ timeout: 10_000 });
    await waitForText(inspector.verificationBadge(id), 'invalid');
    const { status, reason } = await signatureOf(id);
    assert.equal(status, 'invalid');
    assert.match(reason, /re-serializ/i);
  });

  it('re-verifies every delivery of the endpoint and a single delivery on request', async () => {
    await settings.open('pdfgorilla');
    assert.match(await settings.reverifyAll(), /Re-verified 3 deliveries/);
    await settings.close();
    const id = await newestId();
    await inspector.openDelivery(id);
    const panel = await inspector.signatureTab();
    await panel.getByTestId('reverify-delivery').click();
    await waitForText(panel.getByTestId('verification-status'), 'invalid');
  });

  it('never shows the secret anywhere in the page after saving', async () => {
    await settings.open('pdfgorilla');
    const text = await page.evaluate(() => document.body.innerText);
    assert.ok(!text.includes(SECRET), 'the secret is not in the page text');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    assert.ok(!html.includes(SECRET), 'nor in the markup');
    assert.equal(await settings.secret.inputValue(), '');
    await settings.close();
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(SECRET));
  });

  it('raised no page errors and no CSP violations', () => {
    assert.deepEqual(app.problems, []);
  });
});
