// End to end, for long sessions: the keyboard, the theme (OS and toggle), resizable panes, the
// unseen count in the title, notifications and the traffic chart — `serve` in a real Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { send } from '../helpers/http.js';
import type { ServeProcess } from '../helpers/serve-process.js';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import type { InspectorPage } from './pages/inspector-page.js';
import { LongSessionPage } from './pages/long-session-page.js';

const LIGHT_BG = 'rgb(244, 245, 247)';
const DARK_BG = 'rgb(20, 23, 28)';

// Records CSP violations and the notifications the page shows (the real API still runs), and
// lets the test hide the page as switching tabs would.
// A string, not a function: tsx's name-keeping helper does not exist in the page.
const PAGE_PROBES = `
  window.__csp = [];
  window.__notices = [];
  document.addEventListener('securitypolicyviolation', (event) => window.__csp.push(event.violatedDirective + ' ' + event.blockedURI + ' ' + event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber));
  const Real = window.Notification;
  window.__setHidden = (hide) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get() { return hide ? 'hidden' : 'visible'; } });
    Object.defineProperty(document, 'hidden', { configurable: true, get() { return hide; } });
    document.dispatchEvent(new Event('visibilitychange'));
    if (!hide) window.dispatchEvent(new FocusEvent('focus'));
  };
  window.Notification = class extends Real {
    constructor(title, options) {
      window.__notices.push({ title, body: (options && options.body) || '' });
      super(title, options);
    }
  };
`;

/** Polls a condition a bounded number of times (never a timing assertion). */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (let i = 0; i < 100 && !ok(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  assert.ok(ok(value), `${what}: last ${JSON.stringify(value)}`);
  return value;
}

describe('long sessions (serve + Chromium)', () => {
  let app: InspectorSession;
  /** Set as soon as `serve` is up, so `deliver` works while the session is seeded. */
  let serve: ServeProcess;
  let page: Page;
  let inspector: InspectorPage;
  let session: LongSessionPage;
  let api: ControlClient;
  const ids: number[] = [];

  const deliver = async (slug: string, n: number) => {
    for (let i = 0; i < n; i += 1) {
      await send(`${serve.captureUrl}/${slug}/hook`, { headers: ['Content-Type', 'application/json'], body: `{"n":${i}}` });
    }
  };

  before(async () => {
    app = await startInspectorSession({
      viewport: { width: 1500, height: 900 },
      console: false,
      seed: async (api, started) => {
        serve = started;
        await api.post('/api/endpoints', { slug: 'shop', name: 'Shop' });
        await api.post('/api/endpoints', { slug: 'quiet', name: 'Quiet' });
        await deliver('shop', 3);
        const { json } = await api.get('/api/deliveries?limit=10');
        ids.push(...(json.deliveries as { id: number }[]).map((d) => d.id)); // newest first
      },
      prepare: async (context, started) => {
        await context.grantPermissions(['clipboard-read', 'clipboard-write', 'notifications'], { origin: new URL(started.uiUrl).origin });
        await context.addInitScript(PAGE_PROBES);
      },
    });
    ({ api, page, inspector } = app);
    session = new LongSessionPage(page);
    await inspector.row(ids[0]!).waitFor({ timeout: 10_000 });
  });

  after(() => app?.close());

  it('moves with j/k, opens with Enter, lists the keys with ?, replays with r and copies cURL with c', async () => {
    await session.press('j');
    assert.equal(await session.selectedRowId(), ids[0]);
    await session.press('j');
    assert.equal(await session.selectedRowId(), ids[1]);
    await eventually(() => session.openDetailId(), (text) => text === `#${ids[1]}`, 'the detail follows j');
    await session.press('k');
    assert.equal(await session.selectedRowId(), ids[0]);
    await eventually(() => session.openDetailId(), (text) => text === `#${ids[0]}`, 'the detail follows k');

    await session.press('Enter');
    const focused = await page.evaluate(() => document.activeElement?.closest('[data-testid="delivery-detail"]') !== null && document.activeElement?.getAttribute('role'));
    assert.equal(focused, 'tab', 'Enter puts the focus on the open delivery');

    await session.press('?');
    await session.help.waitFor();
    const listed = await session.help.getByTestId('shortcut').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    const hasSearch = (await page.locator('input[type="search"]').count()) > 0;
    assert.deepEqual(listed, ['next', 'previous', 'open', ...(hasSearch ? ['search'] : []), 'replay', 'copy-curl', 'diff', 'help']);
    await page.keyboard.press('Escape');
    await session.help.waitFor({ state: 'detached' });

    if (hasSearch) {
      await session.press('/');
      assert.equal(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), 'search');
    }

    await session.press('r');
    await eventually(() => inspector.detail.getByRole('tab', { name: 'Replay', exact: true }).getAttribute('aria-selected'), (v) => v === 'true', 'r opens Replay');

    await session.press('c');
    await eventually(() => page.getByTestId('shortcut-notice').innerText(), (text) => text.includes('as cURL'), 'c says it copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /^curl /);
    assert.match(copied, /\/shop\/hook/);

    await session.press('d');
    await page.getByTestId('compare-button').and(page.locator('[aria-pressed="true"]')).waitFor();

    // A key typed into a field is text, not a shortcut.
    const selectedBefore = await session.selectedRowId();
    await page.getByTestId('theme-toggle').focus();
    await page.keyboard.press('j');
    assert.equal(await session.selectedRowId(), selectedBefore);
  });

  it('follows the OS theme, and the toggle overrides it and survives a reload', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    assert.equal(await session.bodyBackground(), LIGHT_BG);
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await session.bodyBackground(), DARK_BG);

    await session.themeToggle.selectOption('light');
    assert.equal(await session.bodyBackground(), LIGHT_BG, 'the toggle wins over the OS');
    await page.reload();
    await inspector.row(ids[0]!).waitFor();
    assert.equal(await session.themeToggle.inputValue(), 'light');
    assert.equal(await session.bodyBackground(), LIGHT_BG, 'and is kept across a reload');

    await session.themeToggle.selectOption('system');
    assert.equal(await session.bodyBackground(), DARK_BG, 'system follows the OS again');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('resizes a pane by dragging its divider, and keeps the width across a reload', async () => {
    const before = await session.paneWidth('endpoint-sidebar');
    await session.dragDivider('sidebar', 100);
    const after = await session.paneWidth('endpoint-sidebar');
    assert.ok(Math.abs(after - (before + 100)) <= 2, `${before} → ${after}`);
    await page.reload();
    await inspector.row(ids[0]!).waitFor();
    assert.ok(Math.abs((await session.paneWidth('endpoint-sidebar')) - after) <= 1, 'the width is kept');
    await page.getByTestId('divider-sidebar').dblclick();
    assert.ok(Math.abs((await session.paneWidth('endpoint-sidebar')) - before) <= 1, 'a double-click restores the default');
  });

  it('counts unseen deliveries in the title while hidden, clears on return, and notifies opted-in endpoints', async () => {
    await session.selectEndpoint('shop');
    await session.trafficStrip.waitFor();
    const toggle = page.getByTestId('notify-toggle');
    await toggle.click();
    await eventually(() => toggle.getAttribute('aria-pressed'), (v) => v === 'true', 'shop notifies');

    await session.setHidden(true);
    assert.equal(await page.title(), 'Hookscope');
    await deliver('shop', 2);
    await deliver('quiet', 1);
    await eventually(() => page.title(), (title) => title === '(3) Hookscope', 'the unseen count');
    const notices = await page.evaluate(() => (window as unknown as { __notices: { title: string; body: string }[] }).__notices);
    // Two shop deliveries within the gap make one notification; quiet did not opt in.
    assert.equal(notices.length, 1, JSON.stringify(notices));
    assert.match(notices[0]!.title, /shop/);
    assert.match(notices[0]!.body, /POST \/shop\/hook → 200/);

    await session.setHidden(false);
    await eventually(() => page.title(), (title) => title === 'Hookscope', 'the count clears on return');
  });

  it('draws the delivery rate of an endpoint with its status mix', async () => {
    await session.selectEndpoint('shop');
    const expected = 5; // 3 before the page opened, 2 while hidden
    await eventually(() => session.chart.getAttribute('data-drawn'), (v) => v === String(expected), 'the chart holds every delivery');
    assert.equal(await session.chart.locator('canvas').count() > 0, true, 'uPlot drew on a canvas');
    assert.equal(await page.getByTestId('traffic-total').getAttribute('data-count'), String(expected));
    assert.equal(await page.getByTestId('traffic-2xx').getAttribute('data-count'), String(expected));

    await api.patch('/api/endpoints/shop', { response: { status: 500 } });
    await deliver('shop', 1);
    await eventually(() => page.getByTestId('traffic-5xx').getAttribute('data-count').catch(() => null), (v) => v === '1', 'a 5xx shows in the mix');
    assert.equal(await session.chart.getAttribute('data-drawn'), String(expected + 1));

    const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
    assert.deepEqual(csp, [], 'uPlot runs under the CSP as it is');
    assert.deepEqual(app.problems, []);
  });
});
