// End to end: replay, bulk replay, Copy as…, export/import and forwarding settings from the
// inspector, against `hookscope serve` and a loopback target server that records what it gets.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { HeaderPair } from '../../electron/contract/index.js';
import { send } from '../helpers/http.js';
import { deadPort, headerOf, startTargetServer, type TargetServer } from '../helpers/target-server.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { EndpointSettingsPage } from './pages/endpoint-settings-page.js';
import type { InspectorPage } from './pages/inspector-page.js';
import { BodyPage } from './pages/body-page.js';
import { ReplayPage } from './pages/replay-page.js';

const BODY = '{"order":{"id":42,"total":"19.99"},\n  "note":"h\u00e9llo"}';
const HEADERS = [
  'Content-Type', 'application/json',
  'X-Shop-Topic', 'orders/create',
  'Authorization', 'Bearer sk_live_0123456789',
  'X-Request-Id', 'req-123',
  'x-shop-topic', 'duplicate',
];
const TARGET_ANSWER = '{"accepted":true,"by":"target"}';
/** Recomputed or added by the sending side; everything else must arrive as captured, in order. */
const RECOMPUTED = new Set(['host', 'content-length', 'connection']);
const kept = (headers: HeaderPair[]) => headers.filter(([name]) => !RECOMPUTED.has(name.toLowerCase()));

describe('replay, bulk, export UI (serve + Chromium)', () => {
  let app: InspectorSession;
  let target: TargetServer;
  let page: Page;
  let inspector: InspectorPage;
  let replay: ReplayPage;
  let settings: EndpointSettingsPage;
  let body: BodyPage;
  let api: ControlClient;
  let firstId = 0;

  before(async () => {
    target = await startTargetServer(() => ({ status: 202, headers: [['Content-Type', 'application/json'], ['X-Target', 'yes']], body: TARGET_ANSWER }));
    app = await startInspectorSession({
      viewport: { width: 1500, height: 950 },
      acceptDownloads: true,
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'shop', name: 'Shop' });
      },
    });
    ({ api, page, inspector } = app);
    replay = new ReplayPage(page);
    settings = new EndpointSettingsPage(page);
    body = new BodyPage(page);
  });

  after(async () => {
    await app?.close();
    await target?.close();
  });

  async function deliver(path: string, body = BODY): Promise<number> {
    const response = await send(`${app.serve.captureUrl}${path}`, { headers: HEADERS, body });
    assert.equal(response.status, 200);
    const { json } = await api.get('/api/deliveries?limit=1');
    const id = json.deliveries[0].id as number;
    await inspector.row(id).waitFor({ timeout: 10_000 });
    return id;
  }

  it('replays a delivery as-is: the result shows 202 and the body, the target got the exact bytes and headers in order', async () => {
    firstId = await deliver('/shop/orders?x=1');
    await inspector.openDelivery(firstId);
    await replay.openTab();
    await replay.target.fill(`${target.url}/hooks`);
    await replay.mode.selectOption('as-is');
    assert.equal(await replay.panel.getByTestId('replay-editor').count(), 0, 'no editor in as-is mode');
    await replay.sendAndWait();

    assert.equal((await replay.resultStatus.innerText()).trim(), '202');
    const responseBody = await replay.result.getByTestId('replay-response-body').innerText();
    assert.deepEqual(JSON.parse(responseBody), JSON.parse(TARGET_ANSWER));
    assert.match(await replay.result.getByTestId('replay-response-headers').innerText(), /X-Target/);
    assert.match(await replay.result.getByTestId('replay-result-latency').innerText(), /\d+(\.\d+)? m?s/);

    const [received] = await target.waitFor(1);
    assert.equal(received!.method, 'POST');
    assert.equal(received!.url, '/hooks/orders?x=1', 'the captured path after /shop and the query are appended');
    assert.ok(received!.body.equals(Buffer.from(BODY)), 'the exact body bytes');
    const { json: delivery } = await api.get(`/api/deliveries/${firstId}`);
    assert.deepEqual(kept(received!.headers), kept(delivery.headers), 'the original headers, in order, case and duplicates kept');
    assert.deepEqual(
      kept(received!.headers).map(([name]) => name),
      ['Content-Type', 'X-Shop-Topic', 'Authorization', 'X-Request-Id', 'x-shop-topic'],
    );
  });

  it('edited mode: a changed JSON field and header reach the target', async () => {
    await replay.mode.selectOption('edited');
    await replay.body.waitFor();
    assert.equal(await replay.bodyText(), BODY, 'the editor starts with the captured body');
    const edited = BODY.replace('"19.99"', '"25.00"');
    await replay.typeBody(edited);
    await (await replay.headerValueInput('X-Request-Id')).fill('req-edited');
    await replay.sendAndWait();
    assert.equal((await replay.resultStatus.innerText()).trim(), '202');

    const received = (await target.waitFor(2))[1]!;
    assert.equal(received.body.toString('utf8'), edited);
    assert.equal(headerOf(received.headers, 'X-Request-Id'), 'req-edited');
    assert.deepEqual(
      kept(received.headers).map(([name]) => name),
      ['Content-Type', 'X-Shop-Topic', 'Authorization', 'X-Request-Id', 'x-shop-topic'],
      'the header order is kept',
    );
    assert.match(await replay.result.getByTestId('replay-request-body').innerText(), /25\.00/);
  });

  it('an invalid JSON edit disables Send and says where the error is', async () => {
    await replay.typeBody('{\n  "order": {"id": 42,}\n}');
    await replay.bodyError.waitFor();
    assert.match(await replay.bodyError.innerText(), /line 2, column 22/);
    await replay.bodyLintMarks.first().waitFor();
    assert.equal(await replay.bodyLintMarks.count(), 2, 'the error is underlined in the text and marked in the gutter');
    assert.equal(await replay.send.isDisabled(), true);
    await replay.typeBody('{"order": {"id": 42}}');
    await replay.bodyError.waitFor({ state: 'detached' });
    await replay.bodyLintMarks.first().waitFor({ state: 'detached' });
    assert.equal(await replay.send.isDisabled(), false);
  });

  it('a dead target: the result shows connection_refused', async () => {
    await replay.mode.selectOption('as-is');
    await replay.target.fill(`http://127.0.0.1:${await deadPort()}/`);
    await replay.sendAndWait();
    assert.equal(await replay.resultStatus.count(), 0);
    assert.match(await replay.resultError.innerText(), /connection_refused/);
  });

  it('lists every attempt, newest first, and shows one when clicked', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="replay-attempt"]').length === 3);
    const rows = await replay.attempts.allInnerTexts();
    assert.match(rows[0]!, /manual[\s\S]*as-is[\s\S]*connection_refused/i);
    assert.match(rows[1]!, /edited[\s\S]*202/);
    assert.match(rows[2]!, /as-is[\s\S]*202/);
    const { json } = await api.get(`/api/deliveries/${firstId}/replays`);
    assert.equal(json.attempts.length, 3);

    await replay.attempts.nth(2).click();
    await page.waitForFunction((id) => document.querySelector('[data-testid="replay-result"]')?.getAttribute('data-attempt-id') === String(id), json.attempts[2].id);
    assert.equal((await replay.resultStatus.innerText()).trim(), '202');
    assert.equal(await replay.result.getByTestId('replay-request-body').innerText(), JSON.stringify(JSON.parse(BODY), null, 2));
  });

  it('Copy as… shows a cURL command with secrets redacted by default', async () => {
    const menu = await replay.openSnippets();
    const code = menu.getByTestId('snippet-code');
    await code.waitFor();
    const text = await code.innerText();
    assert.match(text, /curl/);
    assert.match(text, /\[redacted\]/);
    assert.doesNotMatch(text, /sk_live_0123456789/);
    assert.equal(await menu.getByTestId('snippet-redact').isChecked(), true);
    await menu.getByTestId('snippet-target').selectOption('python/requests');
    await page.waitForFunction(() => /requests/.test(document.querySelector('[data-testid="snippet-code"]')?.textContent ?? ''));
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });
  });

  it('bulk replays 3 selected deliveries: progress reaches 3/3 and the summary says 3 ok', async () => {
    const second = await deliver('/shop/orders/2');
    const third = await deliver('/shop/orders/3');
    await replay.rowCheck(firstId).click();
    await replay.rowCheck(third).click({ modifiers: ['Shift'] });
    assert.equal(await replay.rowCheck(second).isChecked(), true, 'shift-click ticks the range');
    assert.equal((await page.getByTestId('selected-count').innerText()).trim(), '3 selected');
    const before = target.received.length;

    await replay.openBulk();
    await replay.bulkDialog.getByTestId('bulk-target').fill(target.url);
    await replay.bulkDialog.getByTestId('bulk-concurrency').fill('2');
    await replay.bulkDialog.getByTestId('bulk-rate').fill('50');
    await replay.bulkDialog.getByTestId('bulk-start').click();
    const summary = replay.bulkDialog.getByTestId('bulk-summary');
    await summary.waitFor({ timeout: 20_000 });
    assert.equal((await replay.bulkDialog.getByTestId('bulk-done').innerText()).trim(), '3/3');
    assert.match(await summary.innerText(), /3 ok, 0 failed/);
    assert.equal(target.received.length - before, 3);
    assert.deepEqual(
      target.received.slice(before).map((r) => r.url).sort(),
      ['/orders/2', '/orders/3', '/orders?x=1'],
    );
    await replay.bulkDialog.getByTestId('bulk-close').click();
    await replay.bulkDialog.waitFor({ state: 'detached' });
    await page.getByTestId('clear-selection').click();
  });

  it('exports the endpoint as a HAR download, and imports it back marked imported', async () => {
    await settings.endpointItem('shop').locator('.endpoint-select').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="export-import"]')?.textContent?.includes('all of shop'));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-har').click()]);
    assert.match(download.suggestedFilename(), /^hookscope-shop-\d{8}-\d{6}\.har$/);
    const path = await download.path();
    const har = JSON.parse(await readFile(path, 'utf8'));
    assert.equal(har.log.entries.length, 3);
    assert.equal(har.log.entries[0].request.postData.text, BODY);
    assert.ok(
      har.log.entries[0].request.headers.some((h: { name: string; value: string }) => h.name === 'Authorization' && h.value === '[redacted]'),
      'redacted by default',
    );
    await page.getByTestId('export-result').waitFor();

    await page.getByTestId('import-file').setInputFiles(path);
    const result = page.getByTestId('import-result');
    await result.waitFor();
    assert.match(await result.innerText(), /Imported 3 deliveries into shop/);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="imported-marker"]').length === 3);

    // A file with a body that claims base64 and is not: refused with the entry named, nothing imported.
    har.log.entries[1].request.postData = { mimeType: 'application/octet-stream', text: '!!! not base64 @@@', _encoding: 'base64' };
    const broken = join(dirname(path), 'broken.har');
    await writeFile(broken, JSON.stringify(har));
    await page.getByTestId('import-file').setInputFiles(broken);
    const refused = page.getByTestId('import-error');
    await refused.waitFor();
    assert.match(await refused.innerText(), /broken\.har: .*log\.entries\.1\.request\.postData\.text: not valid base64.*\(entry 2: POST /);
    assert.equal(await page.locator('[data-testid="imported-marker"]').count(), 3);
    // Chromium logs the refused upload's 400 itself: expected here, and only here.
    const logged = app.problems.findIndex((problem) => /status of 400/.test(problem));
    if (logged !== -1) app.problems.splice(logged, 1);
  });

  it('saves a forwarding rule in the endpoint settings, and turns it off again', async () => {
    await settings.open('shop');
    const section = settings.dialog.getByTestId('forward-settings');
    await section.getByTestId('forward-target').fill(`${target.url}/fwd`);
    await section.getByTestId('forward-relay').check();
    await section.getByTestId('forward-timeout').fill('5000');
    await settings.saveAndWait();
    let { json } = await api.get('/api/endpoints');
    assert.deepEqual(json.endpoints.find((e: { slug: string }) => e.slug === 'shop').forward, {
      target: `${target.url}/fwd`,
      appendPath: true,
      relayResponse: true,
      timeoutMs: 5000,
    });
    await section.getByTestId('forward-target').fill('');
    await settings.saveAndWait();
    ({ json } = await api.get('/api/endpoints'));
    assert.equal(json.endpoints.find((e: { slug: string }) => e.slug === 'shop').forward, null);
    await settings.close();
  });

  it('a 5 MiB JSON body opens in the editor without blocking the page for long; Ctrl-F searches it, and it folds', async () => {
    const items = Array.from({ length: 60_000 }, (_, i) => ({ id: `li_${i}`, amount: i * 100, description: `Line item number ${i} with some text` }));
    const big = JSON.stringify({ object: 'list', data: items }, null, 2);
    assert.ok(big.length >= 5 * 1024 * 1024, `${big.length} bytes`);
    const id = await deliver('/shop/big', big);
    await inspector.openDelivery(id);
    await page.locator('[data-testid="detail-id"]', { hasText: `#${id}` }).waitFor();
    await replay.openTab();
    await body.recordLongTasks();
    await replay.mode.selectOption('edited');
    await replay.body.waitFor();
    await replay.panel.getByText('Valid JSON.').waitFor({ timeout: 30_000 });
    const opening = await body.longTasks();

    await body.recordLongTasks();
    await replay.body.click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.insertText(' ');
    await replay.panel.getByText('Valid JSON.').waitFor({ timeout: 30_000 });
    const typing = await body.longTasks();
    const lines = await replay.panel.locator('.cm-line').count();
    console.log(`5 MiB in the editor: long tasks opening ${JSON.stringify(opening.map(Math.round))} ms, typing ${JSON.stringify(typing.map(Math.round))} ms; ${lines} lines drawn of ${big.split('\n').length}`);
    assert.ok(lines < 2_000, `CodeMirror draws the lines in view, not the body (${lines})`);
    assert.ok(Math.max(0, ...opening, ...typing) < 500, 'no long freeze');

    await page.keyboard.press('ControlOrMeta+f');
    const search = replay.panel.locator('.cm-search input[name="search"]');
    await search.waitFor();
    await search.pressSequentially('li_59999');
    await page.keyboard.press('Enter');
    await replay.panel.locator('.cm-searchMatch-selected').waitFor();
    await page.keyboard.press('Escape');

    await replay.body.click();
    await page.keyboard.press('ControlOrMeta+Home');
    // Line 4 opens the first item: fold it (Ctrl-Shift-[).
    for (let line = 1; line < 4; line += 1) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ControlOrMeta+Shift+BracketLeft');
    await replay.panel.locator('.cm-foldPlaceholder').waitFor();
    await replay.mode.selectOption('as-is');
  });

  it('raised no page errors and no CSP violations', () => {
    assert.deepEqual(app.problems, []);
  });
});
