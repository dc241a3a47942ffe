// End to end: "Test fixture…" on a captured Stripe delivery, against `hookscope serve` in Chromium.
// The files are downloaded as a user would; the headers' signature verifies with Stripe's official
// library under the test secret shown, the body is byte-exact, the endpoint's secret appears
// nowhere (not on the page, not in any file), and giving that secret is refused without echoing it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import Stripe from 'stripe';
import type { FixtureResult, HeaderPair } from '../../electron/contract/index.js';
import { send } from '../helpers/http.js';
import { startInspectorSession, type InspectorSession } from './harness/inspector-session.js';
import { FixturePage } from './pages/fixture-page.js';

const REAL_SECRET = 'whsec_e2e_REAL_endpoint_secret_never_shown';
const BODY = '{"id":"evt_e2e","object":"event","type":"invoice.paid","data":{"object":{"note":"h\u00e9llo"}}}';

describe('export a delivery as a test fixture (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let fixture: FixturePage;

  before(async () => {
    let id = 0;
    app = await startInspectorSession({
      viewport: { width: 1500, height: 950 },
      acceptDownloads: true,
      console: /status of 4\d\d/,
      seed: async (api, serve) => {
        await api.post('/api/endpoints', { slug: 'billing', verification: { scheme: 'stripe', secret: REAL_SECRET } });
        const signature = Stripe.webhooks.generateTestHeaderString({ payload: BODY, secret: REAL_SECRET });
        const sent = await send(`${serve.captureUrl}/billing/stripe`, { headers: ['Content-Type', 'application/json', 'Stripe-Signature', signature], body: BODY });
        assert.equal(sent.status, 200);
        id = (await api.get('/api/deliveries?limit=1')).json.deliveries[0].id as number;
      },
    });
    page = app.page;
    fixture = new FixturePage(page);
    await app.inspector.row(id).waitFor({ timeout: 10_000 });
    await app.inspector.openDelivery(id);
  });

  after(() => app?.close());

  it('lists the five files, names the test secret, and shows nothing of the endpoint secret', async () => {
    await fixture.open();
    await fixture.files.first().waitFor();
    assert.deepEqual(await fixture.files.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-name'))), ['body.bin', 'headers.json', 'README.md', 'handler.test.ts', 'test_handler.py']);
    assert.match(await fixture.summary.innerText(), /Signed \(stripe\) with the test secret whsec_test_\w+/);
    assert.ok(!(await page.content()).includes(REAL_SECRET));
  });

  it('downloads headers.json signed with the test secret (constructEvent accepts it) and body.bin byte for byte', async () => {
    const testSecret = (await fixture.menu.getByTestId('fixture-test-secret').innerText()).trim();
    const headersFile = await fixture.download('headers.json');
    assert.equal(headersFile.suggestedFilename(), 'headers.json');
    const headers = JSON.parse(await readFile(await headersFile.path(), 'utf8')) as HeaderPair[];
    const signature = headers.find(([name]) => name === 'Stripe-Signature')![1];
    const event = Stripe.webhooks.constructEvent(BODY, signature, testSecret) as unknown as { id: string };
    assert.equal(event.id, 'evt_e2e');
    assert.throws(() => Stripe.webhooks.constructEvent(BODY, signature, REAL_SECRET), /signature/i, 'not signed with the endpoint secret');
    const body = await fixture.download('body.bin');
    assert.ok((await readFile(await body.path())).equals(Buffer.from(BODY)));
  });

  it('shows a test file, and downloads the whole fixture as one JSON file without the endpoint secret', async () => {
    await fixture.file('handler.test.ts').getByTestId('fixture-show').click();
    assert.match(await fixture.menu.getByTestId('fixture-file-text').innerText(), /import \{ describe, expect, it \} from 'vitest';/);
    const all = await fixture.downloadAll();
    assert.match(all.suggestedFilename(), /^hookscope-fixture-stripe-\d+\.json$|^hookscope-fixture-billing-\d+\.json$/);
    const text = await readFile(await all.path(), 'utf8');
    assert.ok(!text.includes(REAL_SECRET));
    const bundle = JSON.parse(text) as FixtureResult;
    assert.equal(bundle.files.length, 5);
    for (const name of ['README.md', 'handler.test.ts', 'test_handler.py']) {
      const readme = bundle.files.find((file) => file.name === name)!;
      assert.ok(readme.content.includes(bundle.secret!), `${name} names the test secret`);
    }
  });

  it('signs with a secret the user types, and refuses the endpoint\'s own without repeating it', async () => {
    await fixture.signWith('whsec_my_own_test_secret');
    await page.waitForFunction(() => document.querySelector('[data-testid="fixture-test-secret"]')?.textContent === 'whsec_my_own_test_secret');
    await fixture.signWith(REAL_SECRET);
    await fixture.error.waitFor();
    assert.match(await fixture.error.innerText(), /own secret: a fixture is signed with a test secret/);
    assert.ok(!(await fixture.error.innerText()).includes(REAL_SECRET));
    await page.keyboard.press('Escape');
    await fixture.menu.waitFor({ state: 'detached' });
    assert.deepEqual(app.problems, []);
  });
});
