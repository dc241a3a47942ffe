// Signing the browser inspector in, in Chromium against `serve` run as a user runs it: the printed
// one-time link, a reload on the session cookie, the token screen, and what the browser keeps.
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, launchChromiumProfile } from '../helpers/browser.js';
import { makeDataDir } from '../helpers/data-dir.js';
import { send } from '../helpers/http.js';
import { startServe, type ServeProcess } from '../helpers/serve-process.js';
import { InspectorPage } from './pages/inspector-page.js';
import { SignInPage } from './pages/sign-in-page.js';

/** What the page can see of any credential: its URL, its storage, and the cookies scripts can read. */
async function visibleToPage(page: Page) {
  return page.evaluate(() => ({
    url: location.href,
    cookie: document.cookie,
    storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  }));
}

describe('e2e: signing the inspector in', () => {
  let serve: ServeProcess;
  let data: Awaited<ReturnType<typeof makeDataDir>>;
  let profile: Awaited<ReturnType<typeof makeDataDir>>;
  let browser: Browser;

  before(async () => {
    data = await makeDataDir();
    profile = await makeDataDir();
    serve = await startServe(data.dir, [], null);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await serve?.stop();
    await data?.remove();
    await profile?.remove();
  });

  it('opens the printed link once, keeps the session on reload, and leaves no working credential in the history', async () => {
    const context = await launchChromiumProfile(profile.dir);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const inspector = new InspectorPage(page);
      await inspector.open(serve.inspectorUrl);
      await page.reload();
      await page.getByTestId('endpoint-sidebar').waitFor();
      const seen = await visibleToPage(page);
      assert.equal(seen.url, `${serve.uiUrl}/`, 'the address bar holds no code and no token');
      assert.equal(seen.cookie, '', 'the session cookie is HttpOnly');
      assert.ok(!seen.storage.includes(serve.token), 'no token in web storage');
      await page.getByTestId('connection-state').filter({ hasText: 'Live' }).waitFor();
    } finally {
      await context.close();
    }

    // Chromium's own history database, as another program on this machine could read it.
    const history = new Database(join(profile.dir, 'Default', 'History'), { readonly: true });
    const urls = (history.prepare('SELECT url FROM urls').all() as Array<{ url: string }>).map((row) => row.url);
    history.close();
    assert.ok(urls.includes(`${serve.uiUrl}/`), `the visit is recorded: ${urls.join(', ')}`);
    assert.ok(!urls.some((url) => url.includes(serve.token)), 'the token is in no history entry');
    assert.ok(urls.some((url) => url.includes('/signin?code=')), 'the redirect is recorded too, so its code must be spent');
    for (const url of urls.filter((u) => u.startsWith(serve.uiUrl))) {
      const replayed = await send(url, { method: 'GET', headers: ['Host', new URL(serve.uiUrl).host] });
      assert.equal(replayed.headers['set-cookie'], undefined, `${url} signs nobody in`);
    }
  });

  it('gives a browser without a session the token screen: a wrong token is refused, the right one opens the inspector', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(serve.uiUrl);
      const signIn = new SignInPage(page);
      await signIn.screen.waitFor();
      await signIn.signIn('not-the-token-at-all');
      await signIn.error.waitFor();
      assert.match(await signIn.error.innerText(), /not the API token/);

      await signIn.signIn(serve.token);
      await page.getByTestId('endpoint-sidebar').waitFor();
      await page.getByTestId('connection-state').filter({ hasText: 'Live' }).waitFor();
      await page.reload();
      await page.getByTestId('endpoint-sidebar').waitFor();
      const seen = await visibleToPage(page);
      assert.equal(seen.url, `${serve.uiUrl}/`);
      assert.equal(seen.cookie, '');
      assert.ok(!seen.storage.includes(serve.token));
    } finally {
      await context.close();
    }
  });

  it('shows the token screen for the printed link once it is spent', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(serve.inspectorUrl);
      await new SignInPage(page).screen.waitFor();
      assert.equal(page.url(), `${serve.uiUrl}/`);
    } finally {
      await context.close();
    }
  });
});
