// The error boundary around views of untrusted content, in a real Chromium: a view that throws
// while rendering shows why and what is still reachable, the rest of the page stays, and the next
// delivery gets a fresh try. The real component is bundled with esbuild (Vite's own bundler).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';

describe('ViewBoundary (Chromium)', () => {
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./harness/view-boundary-harness.tsx', import.meta.url))],
      bundle: true,
      write: false,
      format: 'iife',
      jsx: 'automatic',
      define: { 'process.env.NODE_ENV': '"production"' },
      // Components import the stylesheet beside them; this page checks behaviour, not looks.
      loader: { '.css': 'empty' },
      logLevel: 'silent',
    });
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.setContent('<!doctype html><div id="root"></div>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  });

  after(async () => {
    await browser?.close();
  });

  it('contains a render error: the message and the raw-bytes action show, the rest of the page stays', async () => {
    const error = page.getByTestId('view-error');
    await error.waitFor({ timeout: 10_000 });
    assert.match(await error.innerText(), /^This view could not be shown: Maximum call stack size exceeded\s+Download raw$/);
    assert.equal(await page.getByTestId('rest-of-app').isVisible(), true);
    assert.equal(await page.getByTestId('payload-view').count(), 0);
  });

  it('tries again when the delivery changes', async () => {
    await page.getByTestId('next-delivery').click();
    await page.getByTestId('payload-view').waitFor();
    assert.equal(await page.getByTestId('view-error').count(), 0);
  });

  it('let no error escape to the page', () => {
    assert.deepEqual(pageErrors, []);
  });
});
