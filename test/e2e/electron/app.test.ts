// End to end: the built desktop app in a real Electron, driven by Playwright. Runs where an
// Electron binary is installed (and, on Linux, a display exists, e.g. under xvfb-run); elsewhere
// every test reports itself skipped with the reason. Build first: `npm run build`.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { findElectronBinary } from '../../../electron/main/electron-binary.js';
import { APP_CSP, APP_ENTRY_URL } from '../../../electron/main/security-policy.js';
import { makeDataDir } from '../../helpers/data-dir.js';
import { send } from '../../helpers/http.js';

const root = join(import.meta.dirname, '..', '..', '..');

function skipReason(): string | false {
  const binary = findElectronBinary(root);
  if (!binary.found) return binary.reason;
  if (!existsSync(join(root, 'dist', 'electron', 'main', 'index.js')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    return 'the app is not built (npm run build)';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display for Electron (run under xvfb-run)';
  }
  return false;
}

interface Bridge {
  invoke(method: string, args?: unknown): Promise<unknown>;
  on(event: string, callback: (data: unknown) => void): () => void;
}
type WithBridge = { hookscope?: Bridge };

const skip = skipReason();

describe('desktop app (Electron)', { skip }, () => {
  let app: ElectronApplication;
  let page: Page;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  const problems: string[] = [];

  before(async () => {
    data = await makeDataDir();
    const binary = findElectronBinary(root);
    assert.ok(binary.found);
    app = await electron.launch({
      executablePath: binary.path,
      // Chromium refuses to start its sandbox as root (CI containers); the renderer's own
      // sandbox/contextIsolation settings, checked below, are unaffected.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), root],
      env: { ...process.env, HOOKSCOPE_DATA_DIR: data.dir, HOOKSCOPE_CAPTURE_PORT: '0' },
      timeout: 60_000,
    });
    // Never start a real browser from a test: record what would have been opened.
    await app.evaluate(({ shell }) => {
      const opened: string[] = [];
      (globalThis as { __opened?: string[] }).__opened = opened;
      shell.openExternal = async (url: string) => {
        opened.push(url);
      };
    });
    page = await app.firstWindow();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.getByTestId('endpoint-sidebar').waitFor({ timeout: 30_000 });
  });

  after(async () => {
    await app?.close();
    await data?.remove();
  });

  it('opens one window on app://hookscope', async () => {
    assert.equal(page.url(), APP_ENTRY_URL);
    assert.equal(app.windows().length, 1);
    assert.equal(await page.title(), 'Hookscope');
  });

  it('exposes window.hookscope = {invoke, on} and no Node', async () => {
    const seen = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as WithBridge).hookscope ?? {}).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      module: typeof (globalThis as { module?: unknown }).module,
    }));
    assert.deepEqual(seen, { keys: ['invoke', 'on'], require: 'undefined', process: 'undefined', module: 'undefined' });
  });

  it('runs with secure web preferences', async () => {
    // getLastWebPreferences is undocumented (absent from electron.d.ts) but what Electron's own
    // tests use to read the preferences a renderer really got.
    const preferences = await app.evaluate(({ BrowserWindow }) => {
      const contents = BrowserWindow.getAllWindows()[0]!.webContents as unknown as { getLastWebPreferences?(): Record<string, unknown> | null };
      return contents.getLastWebPreferences?.() ?? null;
    });
    assert.ok(preferences, 'webContents.getLastWebPreferences() returned the preferences');
    assert.equal(preferences.contextIsolation, true);
    assert.equal(preferences.sandbox, true);
    assert.equal(preferences.nodeIntegration, false);
    assert.equal(preferences.nodeIntegrationInWorker, false);
    assert.equal(preferences.nodeIntegrationInSubFrames, false);
    assert.equal(preferences.webSecurity, true);
    assert.equal(preferences.allowRunningInsecureContent, false);
    assert.equal(preferences.webviewTag, false);
  });

  it('serves the renderer with the CSP header', async () => {
    const csp = await page.evaluate(async () => (await fetch('app://hookscope/index.html')).headers.get('content-security-policy'));
    assert.equal(csp, APP_CSP);
    const traversal = await page.evaluate(async () => (await fetch('app://hookscope/..%2f..%2fpackage.json')).status);
    assert.equal(traversal, 404);
  });

  it('opens no window for window.open, and hands only http(s) to the browser', async () => {
    const results = await page.evaluate(() => ['https://example.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'about:blank'].map((url) => window.open(url) === null));
    assert.deepEqual(results, [true, true, true, true]);
    assert.equal(app.windows().length, 1);
    const opened = await app.evaluate(() => (globalThis as { __opened?: string[] }).__opened ?? []);
    assert.deepEqual(opened, ['https://example.com/']);
  });

  it('does not navigate away', async () => {
    await page.evaluate(() => {
      location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    assert.equal(page.url(), APP_ENTRY_URL);
  });

  it('answers contract calls and refuses the rest as data', async () => {
    const replies = await page.evaluate(async () => {
      const bridge = (window as unknown as WithBridge).hookscope!;
      return {
        info: (await bridge.invoke('system.info', {})) as { captureUrl: string },
        unknown: await bridge.invoke('not.a.method', {}),
        invalid: await bridge.invoke('deliveries.get', { id: 'x' }),
      };
    });
    assert.match(replies.info.captureUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((replies.unknown as { error: { code: string } }).error.code, 'not_found');
    assert.equal((replies.invalid as { error: { code: string } }).error.code, 'invalid_argument');
  });

  it('shows a captured delivery live', async () => {
    const info = (await page.evaluate(() => (window as unknown as WithBridge).hookscope!.invoke('system.info', {}))) as { captureUrl: string };
    const response = await send(`${info.captureUrl}/desktop-e2e?x=1`, {
      headers: ['Content-Type', 'application/json'],
      body: '{"hello":"desktop"}',
    });
    assert.equal(response.status, 200);
    await page.getByTestId('delivery-row').first().waitFor({ timeout: 10_000 });
    assert.equal(await page.getByTestId('delivery-row').count(), 1);
  });

  it('logged no page errors', () => {
    assert.deepEqual(problems, []);
  });
});

if (skip) {
  // One visible line in the report saying why, besides the skipped suite.
  it(`desktop e2e skipped: ${skip}`, { skip });
}
