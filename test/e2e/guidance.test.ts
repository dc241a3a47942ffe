// End to end: states a user set up themselves must be impossible to miss. An endpoint failing on
// purpose is marked in the sidebar and announced above its deliveries (with a way to turn it off);
// a public URL that cannot open shows its whole error and the ways forward.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startInspectorSession, type ControlClient, type InspectorSession } from './harness/inspector-session.js';
import { GuidancePage } from './pages/guidance-page.js';
import { TunnelPage } from './pages/tunnel-page.js';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function gone(locator: Locator, timeout = 10_000): Promise<void> {
  await locator.waitFor({ state: 'detached', timeout });
}

describe('failing on purpose and tunnel errors, explained (serve + Chromium)', () => {
  let app: InspectorSession;
  let page: Page;
  let ui: GuidancePage;
  let tunnel: TunnelPage;
  let api: ControlClient;

  before(async () => {
    app = await startInspectorSession({
      serveArgs: ['--tunnel-check', '0'],
      viewport: { width: 1400, height: 900 },
      console: false,
      seed: async (api) => {
        await api.post('/api/endpoints', { slug: 'orders', name: 'Orders' });
      },
    });
    ({ api, page } = app);
    ui = new GuidancePage(page);
    tunnel = new TunnelPage(page);
  });

  after(() => app?.close());

  it('marks an endpoint failing on purpose in the sidebar and above its deliveries, until it is turned off', async () => {
    await ui.endpoint('orders').waitFor();
    assert.equal(await ui.marker('orders').count(), 0);
    assert.equal(await ui.banner.count(), 0);

    const set = await api.patch('/api/endpoints/orders', { failureMode: { kind: 'fail-first', count: 3 } });
    assert.equal(set.status, 200, JSON.stringify(set.json));
    await ui.marker('orders').waitFor({ timeout: 10_000 });
    assert.equal((await ui.marker('orders').innerText()).trim(), 'failing on purpose');
    assert.equal(await ui.marker('orders').getAttribute('title'), 'Failing on purpose: fail the first 3 deliveries with 500');
    assert.equal(await ui.marker('default').count(), 0, 'only the endpoint that fails is marked');

    // All deliveries: the banner names the endpoint.
    await ui.bannerLine('orders').waitFor();
    assert.match(await ui.bannerLine('orders').innerText(), /^Failing on purpose: orders fail the first 3 deliveries with 500 — turn off$/);
    await ui.selectEndpoint('orders');
    await page.locator('.pane-title', { hasText: 'orders' }).waitFor();
    assert.equal((await ui.banner.innerText()).trim(), 'Failing on purpose: fail the first 3 deliveries with 500 — turn off');
    await ui.selectEndpoint('default');
    await gone(ui.banner);

    // Turned off from the banner: the API agrees, marker and banner go.
    await ui.selectEndpoint('orders');
    await ui.banner.getByTestId('failing-turn-off').click();
    await gone(ui.banner);
    await gone(ui.marker('orders'));
    assert.equal((await api.get('/api/endpoints')).json.endpoints.find((e: { slug: string }) => e.slug === 'orders').failureMode, null);

    // Set and removed through the API: the sidebar follows.
    await api.patch('/api/endpoints/orders', { failureMode: { kind: 'fail-percent', percent: 25, status: 503 } });
    await ui.marker('orders').waitFor({ timeout: 10_000 });
    assert.equal((await ui.banner.innerText()).trim(), 'Failing on purpose: fail 25 % of deliveries with 503 — turn off');
    await api.patch('/api/endpoints/orders', { failureMode: null });
    await gone(ui.marker('orders'));
    await gone(ui.banner);
  });

  it('shows a tunnel that cannot open in full, with the next steps leading to the settings', async () => {
    const port = await closedPort();
    const host = `http://127.0.0.1:${port}`;
    await tunnel.saveSettings({ host });
    await tunnel.closeSettings();
    await tunnel.toggle.click();

    // The core gives up within its open timeout (15 s); the help opens by itself.
    await ui.errorHelp.waitFor({ timeout: 45_000 });
    const { json: status } = await api.get('/api/tunnel');
    assert.equal(status.state, 'down');
    assert.ok(status.lastError.length > 0);
    const full = (await ui.errorFull.innerText()).trim();
    assert.equal(full, status.lastError, 'the whole message, not a cut one');
    assert.ok(full.includes(host), full);
    const box = await ui.errorFull.boundingBox();
    assert.ok(box, 'the message is laid out');
    assert.equal(await ui.errorFull.evaluate((e) => e.scrollWidth <= e.clientWidth), true, 'nothing cut off sideways');
    const help = await ui.errorHelp.innerText();
    assert.match(help, /Check this machine's network connection and that http:\/\/127\.0\.0\.1:\d+ is reachable/);
    assert.match(help, /self-hosted localtunnel server: set the tunnel server/);
    assert.match(help, /own tunnel \(ngrok, cloudflared…\) and set its public URL/);

    // Each step leads to its setting, focused.
    await ui.helpOwnUrl.click();
    await ui.tunnelSettings.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'own-public-url');
    await tunnel.closeSettings();
    await tunnel.error.click();
    await ui.helpServer.click();
    await ui.tunnelSettings.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'tunnel-host');
    assert.equal(await tunnel.host.inputValue(), host);
  });

  it('raised no page errors', () => {
    assert.deepEqual(app.problems, []);
  });
});
