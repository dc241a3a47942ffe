// End to end: search in the inspector (serve + Chromium). Type a query and see only the matches;
// a new matching delivery appears live and a non-matching one does not; the address keeps the
// query, the selection and the tab, so reload restores them and back/forward move between them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { send } from '../helpers/http.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import type { InspectorPage } from './pages/inspector-page.js';
import { SearchPage } from './pages/search-page.js';

describe('search in the inspector (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let search: SearchPage;
  let api: ControlClient;

  const deliver = async (path: string, body: object, headers: string[] = []) => {
    await send(`${app.serve.captureUrl}${path}`, { headers: ['Content-Type', 'application/json', ...headers], body: JSON.stringify(body) });
    const { json } = await api.get('/api/deliveries?limit=1');
    return json.deliveries[0].id as number;
  };

  before(async () => {
    app = await startInspectorSession({
      console: false,
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'shop' });
      },
    });
    ({ api, page, inspector } = app);
    search = new SearchPage(page);
  });

  after(() => app?.close());

  let orderA = 0;
  let orderB = 0;
  let refund = 0;

  it('shows only the deliveries that match a typed query, with the count', async () => {
    orderA = await deliver('/shop/orders', { id: 'job_123', state: 'paid' });
    orderB = await deliver('/shop/orders', { id: 'job_456', state: 'paid' });
    refund = await deliver('/shop/refunds', { id: 'job_789', state: 'refunded' });
    await search.waitForIds([refund, orderB, orderA]);

    await search.search('job_123');
    await search.waitForIds([orderA]);
    assert.match(await search.count.innerText(), /1 of 1 match/);
    assert.equal(search.address().get('q'), 'job_123');

    await search.search('paid -job_456');
    await search.waitForIds([orderA]);
    await search.search('"state paid"');
    await search.waitForIds([orderB, orderA]);
  });

  it('explains a bad query and lists the grammar behind "?"', async () => {
    await search.search('verified:maybe');
    const error = page.getByTestId('search-error');
    await error.waitFor();
    assert.match(await error.innerText(), /verified: "maybe" is not one of valid, invalid, missing, unverified/);
    await page.getByTestId('search-help-toggle').click();
    const help = page.getByTestId('search-help');
    await help.waitFor();
    for (const example of ['evt_1Nx*', 'status:500', 'verified:valid|invalid|missing|unverified', 'header:x-github-event=push', 'size>10kb']) {
      assert.ok((await help.innerText()).includes(example), example);
    }
    await page.getByTestId('search-help-toggle').click();
  });

  it('adds a new matching delivery live, at the top, and leaves out one that does not match', async () => {
    await search.search('paid');
    await search.waitForIds([orderB, orderA]);
    const other = await deliver('/shop/refunds', { id: 'job_999', state: 'refunded' });
    const matching = await deliver('/shop/orders', { id: 'job_1000', state: 'paid' });
    await search.waitForIds([matching, orderB, orderA]);
    assert.equal(await search.row(other).count(), 0, 'the non-matching arrival is not shown');
    const first = await search.rows.first().getAttribute('data-delivery-id');
    assert.equal(Number(first), matching);
  });

  it('keeps the query, the selected delivery and its tab across a reload', async () => {
    await search.search('paid');
    await inspector.openDelivery(orderB);
    await inspector.tab('Headers');
    await page.getByTestId('headers-table').waitFor();
    const before = search.address();
    assert.equal(before.get('q'), 'paid');
    assert.equal(before.get('delivery'), String(orderB));
    assert.equal(before.get('tab'), 'headers');

    await page.reload();
    await search.waitForIds(await matchingIds('paid'));
    assert.equal(await search.input.inputValue(), 'paid');
    await page.getByTestId('headers-table').waitFor();
    assert.equal(await inspector.detail.getByTestId('detail-id').innerText(), `#${orderB}`);
    assert.equal(await inspector.row(orderB).getAttribute('aria-selected'), 'true');
  });

  it('moves between searches and selections with back and forward', async () => {
    await search.search('job_123');
    await search.waitForIds([orderA]);
    await inspector.openDelivery(orderA);
    assert.equal(search.address().get('delivery'), String(orderA));
    await page.goBack();
    // One step back: the same search, the delivery open before (a new search keeps the open one).
    assert.equal(search.address().get('delivery'), String(orderB));
    assert.equal(search.address().get('q'), 'job_123');
    await inspector.detail.getByTestId('detail-id').filter({ hasText: `#${orderB}` }).waitFor();
    await page.goBack();
    assert.equal(search.address().get('q'), 'paid');
    await search.waitForIds(await matchingIds('paid'));
    assert.equal(await search.input.inputValue(), 'paid');
    await page.goForward();
    await search.waitForIds([orderA]);
    assert.equal(await search.input.inputValue(), 'job_123');
    assert.deepEqual(app.problems, []);
  });

  async function matchingIds(q: string): Promise<number[]> {
    const { json } = await api.get(`/api/deliveries?q=${encodeURIComponent(q)}`);
    return json.deliveries.map((d: { id: number }) => d.id);
  }
});
