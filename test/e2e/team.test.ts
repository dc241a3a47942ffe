// End to end: team mode in the inspector. Two `serve --team` nodes on a throwaway PostgreSQL; B's
// inspector in Chromium shows A's shared endpoint and its deliveries live, marked as captured by
// another node, and an endpoint shared from B's settings dialog reaches A.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { controlClient, send } from '../helpers/http.js';
import { postgresUnavailable, startPostgres, type TestPostgres } from '../helpers/postgres.js';
import { cliPath, startServe, type ServeProcess } from '../helpers/serve-process.js';
import { EndpointSettingsPage } from './pages/endpoint-settings-page.js';
import { InspectorPage } from './pages/inspector-page.js';

const skip = postgresUnavailable() ?? (existsSync(cliPath) ? null : 'dist/ is not built (npm run build)');

describe('team mode in the inspector (serve + PostgreSQL + Chromium)', { skip: skip ?? false }, () => {
  let postgres: TestPostgres;
  let a: ServeProcess;
  let b: ServeProcess;
  const dirs: Awaited<ReturnType<typeof makeDataDir>>[] = [];
  let browser: Browser;
  let page: Page;
  let inspector: InspectorPage;
  let settings: EndpointSettingsPage;
  const problems: string[] = [];

  before(async () => {
    postgres = await startPostgres();
    const url = await postgres.createDatabase('team_e2e');
    dirs.push(await makeDataDir(), await makeDataDir());
    a = await startServe(dirs[0]!.dir, ['--team', url]);
    b = await startServe(dirs[1]!.dir, ['--team', url]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    inspector = new InspectorPage(page);
    settings = new EndpointSettingsPage(page);
    await inspector.open(b.inspectorUrl);
  });

  after(async () => {
    await browser?.close();
    await a?.stop();
    await b?.stop();
    for (const dir of dirs) await dir.remove();
    await postgres?.destroy();
  });

  it('shows a shared endpoint and its deliveries from another node, marked as the team\'s', async () => {
    const onA = controlClient(a.uiUrl, a.token);
    assert.equal((await onA.post('/api/endpoints', { slug: 'stripe', shared: true })).status, 201);
    await settings.endpointItem('stripe').waitFor({ timeout: 10_000 });
    assert.equal((await send(`${a.captureUrl}/stripe/hook`, { headers: ['Content-Type', 'application/json'], body: '{"id":"evt_e2e"}' })).status, 200);
    await settings.endpointItem('stripe').locator('.endpoint-select').click();
    const marker = inspector.rows.first().getByTestId('team-node-marker');
    await marker.waitFor({ timeout: 10_000 });
    assert.equal((await marker.textContent())?.trim(), 'team');
    assert.deepEqual(problems, []);
  });

  it('shares an endpoint from its settings dialog', async () => {
    await settings.createEndpoint('github');
    await settings.open('github');
    const shared = settings.dialog.getByTestId('endpoint-shared');
    assert.equal(await shared.isChecked(), false, 'private by default');
    await shared.check();
    await settings.saveAndWait();
    await settings.close();
    const onA = controlClient(a.uiUrl, a.token);
    const deadline = Date.now() + 10_000;
    for (;;) {
      const { json } = await onA.get<{ endpoints: { slug: string; shared: boolean }[] }>('/api/endpoints');
      if (json.endpoints.some((e) => e.slug === 'github' && e.shared)) break;
      if (Date.now() > deadline) assert.fail('A never got the endpoint B shared');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.deepEqual(problems, []);
  });
});
