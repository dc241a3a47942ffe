// What nearly every e2e test starts with: a fresh data folder, the built `hookscope serve` on it,
// an API client, Chromium with one page whose errors are recorded, and the inspector signed in
// through the printed one-time link. One place, so each test file says only what is its own.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../helpers/browser.js';
import type { ServeProcess } from '../../helpers/serve-process.js';
import { startServeSession, type ControlClient } from '../../helpers/serve-session.js';
import { InspectorPage } from '../pages/inspector-page.js';

export type { ControlClient };

export interface SessionOptions {
  /** Extra `serve` arguments (`--tunnel-check 0`). */
  serveArgs?: string[];
  /** Runs once `serve` is up, before the browser opens: endpoints, settings, deliveries. */
  seed?: (api: ControlClient, serve: ServeProcess) => Promise<void>;
  /** Playwright's default (1280×720) when not given. */
  viewport?: BrowserContextOptions['viewport'];
  acceptDownloads?: boolean;
  /** Runs on the browser context before the page opens: permissions, init scripts. */
  prepare?: (context: BrowserContext, serve: ServeProcess) => Promise<void>;
  /**
   * Console errors are problems too, except those matching this (a 4xx the test asks for, which
   * Chromium logs as a failed load); `false` records page errors only.
   */
  console?: boolean | RegExp;
  /** Signs the inspector in (the default); `false` leaves the page blank for the test to open. */
  open?: boolean;
}

export interface InspectorSession {
  serve: ServeProcess;
  api: ControlClient;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  inspector: InspectorPage;
  /** Uncaught page errors and (unless told otherwise) console errors: a test ends expecting none. */
  problems: string[];
  /** Closes the browser, stops `serve` and removes the data folder. */
  close(): Promise<void>;
}

export async function startInspectorSession(options: SessionOptions = {}): Promise<InspectorSession> {
  const server = await startServeSession(options.serveArgs);
  const { serve, api } = server;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await server.close();
  };
  try {
    await options.seed?.(api, serve);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: options.viewport, acceptDownloads: options.acceptDownloads });
    await options.prepare?.(context, serve);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    const expected = options.console ?? true;
    if (expected !== false) {
      page.on('console', (message) => {
        if (message.type() === 'error' && !(expected instanceof RegExp && expected.test(message.text()))) problems.push(`console: ${message.text()}`);
      });
    }
    const inspector = new InspectorPage(page);
    if (options.open !== false) await inspector.open(serve.inspectorUrl);
    return { serve, api, browser, context, page, inspector, problems, close };
  } catch (failure) {
    // A session that failed half-way must not leave `serve` or Chromium running.
    await close();
    throw failure;
  }
}
