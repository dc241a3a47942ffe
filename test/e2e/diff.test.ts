// End to end: two deliveries compared (headers in order, bodies as JSON by content), a retry
// compared with its previous attempt from the "payload changed" notice, and a replay's request
// compared with the original. Against `hookscope serve` in Chromium; bodies diffed in the body worker.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { send } from '../helpers/http.js';
import { startTargetServer, type TargetServer } from '../helpers/target-server.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { DiffPage } from './pages/diff-page.js';
import type { InspectorPage } from './pages/inspector-page.js';
import { ReplayPage } from './pages/replay-page.js';

describe('diff (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let diff: DiffPage;
  let target: TargetServer;
  let api: ControlClient;

  before(async () => {
    target = await startTargetServer(() => ({ status: 200, headers: [['Content-Type', 'text/plain']], body: 'ok' }));
    app = await startInspectorSession({
      viewport: { width: 1500, height: 950 },
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'shop', name: 'Shop' });
        await api.post('/api/endpoints', { slug: 'pdfg', name: 'PDF Gorilla' });
      },
    });
    ({ api, page, inspector } = app);
    diff = new DiffPage(page);
  });

  after(async () => {
    await app?.close();
    await target?.close();
  });

  async function deliver(path: string, headers: string[], body: string): Promise<number> {
    const answer = await send(`${app.serve.captureUrl}${path}`, { headers, body });
    assert.equal(answer.status, 200);
    const { json } = await api.get('/api/deliveries?limit=1');
    const id = json.deliveries[0].id as number;
    await inspector.row(id).waitFor({ timeout: 10_000 });
    return id;
  }

  it('compares two deliveries: the changed field and header show, reordered keys and header-name case do not', async () => {
    const first = await deliver('/shop/orders', ['Content-Type', 'application/json', 'X-Attempt', '1', 'X-Shop', 'a'], '{"id":"ord_1","amount":100,"currency":"eur"}');
    const second = await deliver(
      '/shop/orders',
      ['content-type', 'application/json', 'X-Attempt', '2', 'X-Shop', 'a'],
      '{\n  "currency": "eur",\n  "id": "ord_1",\n  "amount": 250\n}',
    );
    await inspector.openDelivery(second);
    await page.locator('[data-testid="detail-id"]', { hasText: `#${second}` }).waitFor();
    await diff.compareWith(first);

    assert.deepEqual(await diff.changedLines('diff-body'), ['-   "amount": 100,', '+   "amount": 250,']);
    assert.match(await diff.bodySummary().innerText(), /1 lines removed, 1 added \(JSON compared by content/);
    const headers = await diff.changedLines('diff-headers');
    assert.ok(headers.includes('- X-Attempt: 1') && headers.includes('+ X-Attempt: 2'), headers.join(' | '));
    assert.ok(!headers.some((line) => /content-type/i.test(line)), `Content-Type against content-type is no change: ${headers.join(' | ')}`);
    assert.match(await diff.view.getByTestId('diff-request-line').innerText(), /Same: POST \/shop\/orders/);
  });

  it('a retry whose payload changed: "See what changed" opens the comparison with the previous attempt', async () => {
    const headers = ['Content-Type', 'application/json', 'x-pdfg-event-id', 'job-7'];
    await deliver('/pdfg/hook', headers, '{"jobId":"job-7","status":"failed","timestamp":"t1"}');
    const retry = await deliver('/pdfg/hook', headers, '{"jobId":"job-7","status":"failed","timestamp":"t2"}');
    await inspector.openDelivery(retry);
    await page.locator('[data-testid="detail-id"]', { hasText: `#${retry}` }).waitFor();
    const compare = inspector.detail.getByTestId('payload-changed-compare');
    await compare.waitFor({ timeout: 20_000 });
    await compare.click();
    await diff.bodySummary().waitFor({ timeout: 20_000 });
    assert.deepEqual(await diff.changedLines('diff-body'), ['-   "timestamp": "t1"', '+   "timestamp": "t2"']);
    assert.match(await diff.panel.innerText(), new RegExp(`#${retry - 1}`));
  });

  it("compares a replay's request with the original", async () => {
    const replay = new ReplayPage(page);
    const id = await deliver('/shop/refunds', ['Content-Type', 'application/json', 'X-Shop', 'b'], '{"refund":{"id":"re_1","amount":5}}');
    await inspector.openDelivery(id);
    await page.locator('[data-testid="detail-id"]', { hasText: `#${id}` }).waitFor();
    await replay.openTab();
    await replay.target.fill(target.url);
    await replay.mode.selectOption('edited');
    await replay.typeBody('{"refund":{"id":"re_1","amount":7}}');
    await replay.sendAndWait();
    await replay.result.getByTestId('replay-compare-original').click();
    await diff.bodySummary(replay.result).waitFor({ timeout: 20_000 });
    assert.deepEqual(await diff.changedLines('diff-body', replay.result), ['-     "amount": 5,', '+     "amount": 7,']);
    const headerChanges = await diff.changedLines('diff-headers', replay.result);
    assert.ok(headerChanges.some((line) => /^\+ Host: /i.test(line)), `the sender's own Host header shows as added: ${headerChanges.join(' | ')}`);
  });

  it('raised no page errors and no CSP violations', () => {
    assert.deepEqual(app.problems, []);
  });
});
