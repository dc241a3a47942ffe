// End to end: every kind of body a sender uses, captured by `hookscope serve` and read in Chromium.
// A 5 MiB JSON body is opened while the browser's long-task observer records how long the page's
// thread is ever blocked; it is parsed in a Web Worker and drawn a screenful at a time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as zlib from 'node:zlib';
import type { Page } from 'playwright-core';
import { CORPUS_DIR } from '../helpers/corpus.js';
import { send } from '../helpers/http.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { BodyPage } from './pages/body-page.js';
import type { InspectorPage } from './pages/inspector-page.js';

const fixtures = JSON.parse(readFileSync(join(CORPUS_DIR, 'stripe', 'fixtures3.json'), 'utf8')) as { resources: Record<string, Record<string, unknown>> };
const stripeEvent = JSON.stringify({ id: 'evt_1NZ', object: 'event', type: 'charge.succeeded', data: { object: fixtures.resources.charge } });
const pdf = readFileSync(join(CORPUS_DIR, 'pdfs', 'doc_2_3_pages.pdf'));
/** A 1×1 PNG. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** A Stripe-shaped event of about `bytes` bytes: data.object with a long list of line items. */
function bigEvent(bytes: number): Buffer {
  const item = (i: number) => ({ id: `li_${i}`, object: 'line_item', amount: i * 100, description: `Line item number ${i} with some text to read`, metadata: { sku: `sku_${i}`, tags: ['a', 'b'] } });
  const one = JSON.stringify(item(100000)).length + 1;
  const items = Array.from({ length: Math.ceil((bytes / one) * 1.1) }, (_, i) => item(i));
  return Buffer.from(JSON.stringify({ id: 'evt_big', object: 'event', type: 'invoice.finalized', data: { object: { id: 'in_1', object: 'invoice', lines: { object: 'list', data: items } } } }));
}

describe('body viewers (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let inspector: InspectorPage;
  let body: BodyPage;
  let api: ControlClient;

  before(async () => {
    app = await startInspectorSession({
      viewport: { width: 1400, height: 900 },
      prepare: (context, serve) => context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: serve.uiUrl }),
      // The bomb's 422 is the answer the test asks for; any other console error is a problem.
      console: /status of 422/,
    });
    ({ api, page, inspector } = app);
    body = new BodyPage(page);
  });

  after(() => app?.close());

  async function capture(path: string, headers: string[], payload: string | Buffer): Promise<number> {
    const answer = await send(`${app.serve.captureUrl}${path}`, { headers, body: payload });
    assert.equal(answer.status, 200);
    const { json } = await api.get('/api/deliveries?limit=1');
    const id = json.deliveries[0].id as number;
    await inspector.row(id).waitFor({ timeout: 10_000 });
    return id;
  }

  async function openBody(id: number): Promise<void> {
    await inspector.openDelivery(id);
    await page.locator('[data-testid="detail-id"]', { hasText: `#${id}` }).waitFor();
    await inspector.tab('Body');
  }

  it('opens a Stripe event with data.object open, and copies a value and its path', async () => {
    const id = await capture('/stripe', ['Content-Type', 'application/json; charset=utf-8'], stripeEvent);
    await openBody(id);
    await body.row('data.object.amount').waitFor({ timeout: 10_000 });
    assert.match(await body.row('data.object.amount').innerText(), /"amount":\s+100/);
    assert.equal(await body.view('body-json').count(), 0, 'no second copy of the body under the tree');
    await body.row('data.object.currency').hover();
    await body.row('data.object.currency').getByTestId('json-copy-path').click();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'data.object.currency');
    await body.row('data.object.currency').getByTestId('json-copy-value').click();
    await page.waitForFunction(() => navigator.clipboard.readText().then((text) => text === 'usd'), null, { timeout: 5_000 });
    // Closing data.object hides its fields.
    await body.row('data.object').getByTestId('json-toggle').click();
    await body.row('data.object.amount').waitFor({ state: 'detached' });
  });

  it('decodes a gzip body for reading (it showed as mojibake) and says so', async () => {
    const id = await capture('/gz', ['Content-Type', 'application/json', 'Content-Encoding', 'gzip'], zlib.gzipSync(stripeEvent));
    await openBody(id);
    await body.decoded.waitFor({ timeout: 10_000 });
    assert.match(await body.decoded.innerText(), /Decoded from gzip/);
    await body.row('data.object.amount').waitFor();
  });

  it('refuses a brotli bomb with the reason and still shows the bytes as received', async () => {
    const id = await capture('/bomb', ['Content-Type', 'application/json', 'Content-Encoding', 'br'], zlib.brotliCompressSync(Buffer.alloc(32 * 1024 * 1024, '{')));
    await openBody(id);
    await body.decodeError.waitFor({ timeout: 10_000 });
    assert.match(await body.decodeError.innerText(), /decompression bomb/);
    await inspector.bodyView('Hex');
    await body.view('body-hex').waitFor();
  });

  it('shows a form as a table, XML indented with its entities as written, an image, and the raw request', async () => {
    const form = await capture('/form', ['Content-Type', 'application/x-www-form-urlencoded'], 'a=1&b=caf%C3%A9&a=2');
    await openBody(form);
    const table = body.view('body-form');
    await table.waitFor();
    assert.match(await table.innerText(), /a\s+1\s+b\s+café\s+a\s+2/);

    const xml = await capture('/xml', ['Content-Type', 'application/xml'], '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY big "BIGBIGBIG">]><r><v>&big;</v><w a="1"/></r>');
    await openBody(xml);
    const pretty = body.view('body-xml');
    await pretty.waitFor();
    assert.match(await pretty.innerText(), /\n {2}<v>&big;<\/v>\n {2}<w a="1"\/>/);
    assert.doesNotMatch(await pretty.innerText(), /<v>BIGBIGBIG/);

    const image = await capture('/img', ['Content-Type', 'image/png'], png);
    await openBody(image);
    const img = body.view('body-image');
    await img.waitFor();
    assert.match((await img.getAttribute('src')) ?? '', /^blob:/);
    await page.waitForFunction(() => (document.querySelector('[data-testid="body-image"]') as HTMLImageElement | null)?.naturalWidth === 1);

    const latin = await capture('/latin', ['Content-Type', 'text/plain; charset=iso-8859-1', 'X-Order', 'first'], Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await openBody(latin);
    assert.equal((await body.view('body-text').innerText()).trim(), 'café', 'the charset the sender named');
    await inspector.bodyView('Raw request');
    const raw = await body.view('body-raw').innerText();
    assert.match(raw, /^POST \/latin HTTP\/1\.1\nContent-Type: text\/plain; charset=iso-8859-1\nX-Order: first\n[\s\S]*\n\n/, 'request line, headers in order, blank line');
  });

  it('splits multipart into parts; a PDF part opens in Documents', async () => {
    const boundary = 'XyZ-boundary';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="meta"\r\nContent-Type: application/json\r\n\r\n{"doc":"contract"}\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="contract.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const id = await capture('/multi', ['Content-Type', `multipart/form-data; boundary=${boundary}`], multipart);
    await openBody(id);
    const parts = body.view('body-part');
    await parts.first().waitFor();
    assert.equal(await parts.count(), 2);
    assert.match(await parts.nth(0).innerText(), /meta[\s\S]*\{"doc":"contract"\}/);
    assert.match(await parts.nth(1).innerText(), /contract\.pdf/);
    await parts.nth(1).getByTestId('body-part-open-document').click();
    await page.getByTestId('documents-tab').waitFor();
  });

  it('opens a 5 MiB JSON body without blocking the page for 100 ms at a time', async () => {
    const big = bigEvent(5 * 1024 * 1024);
    assert.ok(big.length >= 5 * 1024 * 1024);
    const small = await capture('/small', ['Content-Type', 'application/json'], '{"small":true}');
    const id = await capture('/big', ['Content-Type', 'application/json'], big);
    await openBody(small);
    await body.tree.waitFor();

    await body.recordLongTasks();
    await inspector.openDelivery(id);
    await body.row('data.object.lines').waitFor({ timeout: 30_000 });
    const opening = await body.longTasks();
    // Open the list of 30,000-odd items: the tree draws the first 1,000, a screenful at a time.
    await body.recordLongTasks();
    await body.row('data.object.lines').getByTestId('json-toggle').click();
    await body.row('data.object.lines.data').getByTestId('json-toggle').click();
    await body.row('data.object.lines.data[0]').waitFor({ timeout: 30_000 });
    await body.tree.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await body.tree.getByText(/more items not shown/).waitFor({ timeout: 10_000 });
    const expanding = await body.longTasks();
    // Away and back again (it used to take 4 s, then freeze again).
    await body.recordLongTasks();
    await inspector.openDelivery(small);
    await body.row('small').waitFor();
    await inspector.openDelivery(id);
    await body.row('data.object.lines').waitFor({ timeout: 30_000 });
    const returning = await body.longTasks();

    const domNodes = await page.evaluate(() => document.querySelectorAll('*').length);
    const workerLoaded = await page.evaluate(() => performance.getEntriesByType('resource').some((entry) => /body-worker-[\w-]+\.js$/.test(entry.name)));
    assert.ok(workerLoaded, 'the body was parsed in the body worker');
    const longest = Math.max(0, ...opening, ...expanding, ...returning);
    console.log(`5 MiB JSON: long tasks opening ${JSON.stringify(opening.map(Math.round))} ms, expanding ${JSON.stringify(expanding.map(Math.round))} ms, returning ${JSON.stringify(returning.map(Math.round))} ms; ${domNodes} DOM nodes`);
    assert.ok(domNodes < 5_000, `the tree draws a screenful, not the body (${domNodes} nodes)`);
    assert.ok(longest < 100, `the longest task blocked the page for ${Math.round(longest)} ms`);
  });

  it('raised no page errors and no CSP violations', () => {
    assert.deepEqual(app.problems, []);
  });
});
