import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { existsSync } from 'node:fs';

export const CHROMIUM_PATH = process.env.HOOKSCOPE_CHROMIUM ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this sandboxed, offline machine needs. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function executablePath(): string {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) or set HOOKSCOPE_CHROMIUM`);
  }
  return CHROMIUM_PATH;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: executablePath(), args: ARGS });
}

/** Chromium with a profile on disk, so a test can read what it keeps (its History database). */
export function launchChromiumProfile(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: executablePath(), args: ARGS });
}
