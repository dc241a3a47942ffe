// End to end: "Export as test fixture" in the Send test event panel, against `hookscope serve` in
// Chromium. The event as edited in the panel (its body and extra headers) comes out as the same
// files as a delivery's fixture, downloaded as a user would: headers.json verifies with Stripe's
// official library under the TEST secret shown (never the endpoint's, never the panel's signing
// secret), body.bin is the edited body byte for byte; an unedited PDF Gorilla event signed with a
// test secret typed in the fixture's field (Enter) verifies with PDF Gorilla's recipe. Nothing is sent.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import type { HeaderPair } from '../../electron/contract/index.js';
import { headerOf } from '../helpers/target-server.js';
import { startInspectorSession, type InspectorSession } from './harness/inspector-session.js';
import { TriggerPage } from './pages/trigger-page.js';

const REAL_SECRET = 'whsec_e2e_REAL_endpoint_secret_never_in_a_fixture';
const BODY = '{"id":"evt_from_the_panel","object":"event","type":"invoice.paid","data":{"object":{"amount_paid":4200}}}';

describe('Send test event: export as test fixture (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let trigger: TriggerPage;

  before(async () => {
    app = await startInspectorSession({
      viewport: { width: 1500, height: 950 },
      acceptDownloads: true,
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'billing', verification: { scheme: 'stripe', secret: REAL_SECRET } });
      },
    });
    page = app.page;
    trigger = new TriggerPage(page);
    await trigger.open('billing');
  });

  after(() => app?.close());

  it('exports the Stripe event as edited: headers.json verifies with constructEvent under the test secret, body.bin is the edited body', async () => {
    await trigger.choose('stripe.invoice.paid');
    await trigger.body.getByText(/"type": "invoice.paid"/).waitFor();
    await trigger.typeBody(BODY);
    await trigger.dialog.getByTestId('trigger-add-header').click();
    await trigger.dialog.getByTestId('trigger-header-name').fill('X-Configured');
    await trigger.dialog.getByTestId('trigger-header-value').fill('from-the-panel');
    // The panel's signing secret is for sending; a fixture never takes it.
    await trigger.dialog.getByTestId('trigger-secret').fill(REAL_SECRET);
    await trigger.exportFixture();

    assert.deepEqual(await trigger.fixture.getByTestId('fixture-file').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name'))), [
      'body.bin',
      'headers.json',
      'README.md',
      'handler.test.ts',
      'test_handler.py',
    ]);
    assert.match(await trigger.fixture.getByTestId('fixture-summary').innerText(), /Signed \(stripe\) with the test secret whsec_test_\w+/);
    const testSecret = (await trigger.fixture.getByTestId('fixture-test-secret').innerText()).trim();
    const body = await readFile(await (await trigger.downloadFixtureFile('body.bin')).path());
    assert.equal(body.toString('utf8'), BODY, 'the edited body, byte for byte');
    const headers = JSON.parse(await readFile(await (await trigger.downloadFixtureFile('headers.json')).path(), 'utf8')) as HeaderPair[];
    assert.equal(headerOf(headers, 'X-Configured'), 'from-the-panel');
    const signature = headerOf(headers, 'Stripe-Signature')!;
    const event = Stripe.webhooks.constructEvent(body, signature, testSecret) as unknown as { id: string; data: { object: { amount_paid: number } } };
    assert.equal(event.id, 'evt_from_the_panel');
    assert.equal(event.data.object.amount_paid, 4200);
    assert.throws(() => Stripe.webhooks.constructEvent(body, signature, REAL_SECRET), /signature/i, 'not signed with the endpoint\'s secret');
    assert.ok(!(await page.content()).includes(REAL_SECRET));
  });

  it('exports an unedited PDF Gorilla event signed with a test secret typed in the fixture\'s field; Enter signs there and sends nothing', async () => {
    await trigger.choose('pdfgorilla.completed');
    await trigger.body.getByText(/"status": "completed"/).waitFor();
    await trigger.dialog.getByTestId('trigger-export-fixture').click();
    await trigger.fixture.getByTestId('fixture-summary').getByText(/Signed \(pdfgorilla\)/).waitFor();
    await trigger.fixture.getByTestId('fixture-secret').fill('pdfg_e2e_test_secret');
    await trigger.fixture.getByTestId('fixture-secret').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="trigger-dialog"] [data-testid="fixture-test-secret"]')?.textContent === 'pdfg_e2e_test_secret');
    const body = await readFile(await (await trigger.downloadFixtureFile('body.bin')).path());
    assert.equal((JSON.parse(body.toString('utf8')) as { status: string }).status, 'completed');
    const headers = JSON.parse(await readFile(await (await trigger.downloadFixtureFile('headers.json')).path(), 'utf8')) as HeaderPair[];
    // PDF Gorilla's recipe (reference 002): hex HMAC-SHA256 of the raw body.
    assert.equal(headerOf(headers, 'x-pdfg-signature'), createHmac('sha256', 'pdfg_e2e_test_secret').update(body).digest('hex'));
    assert.notEqual(headerOf(headers, 'x-pdfg-signature'), createHmac('sha256', REAL_SECRET).update(body).digest('hex'));

    assert.equal(await trigger.verdict.count(), 0, 'Enter in the fixture\'s field did not send the event');
    assert.equal(await trigger.runs.count(), 0, 'no run: exporting sends nothing');
    assert.equal((await app.api.get('/api/deliveries?limit=5')).json.deliveries.length, 0, 'nothing arrived at the endpoint');
    await trigger.dialog.getByTestId('trigger-fixture-hide').click();
    await trigger.fixture.waitFor({ state: 'detached' });
    assert.deepEqual(app.problems, []);
  });
});
