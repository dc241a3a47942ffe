import type { Download, Locator, Page } from 'playwright-core';
import { downloadBy } from './shared.js';

/**
 * A fixture's files, each downloadable: "Test fixture…" in the delivery detail's header, or (with
 * `within` the Send test event panel) the panel's "Export as test fixture".
 */
export class FixturePage {
  readonly within: Locator;
  readonly menu: Locator;
  readonly files: Locator;
  readonly summary: Locator;
  readonly secret: Locator;
  readonly error: Locator;

  constructor(readonly page: Page, within?: Locator) {
    this.within = within ?? page.getByTestId('delivery-detail');
    this.menu = this.within.getByTestId('fixture-menu');
    this.files = this.menu.getByTestId('fixture-file');
    this.summary = this.menu.getByTestId('fixture-summary');
    this.secret = this.menu.getByTestId('fixture-secret');
    this.error = this.menu.getByTestId('fixture-error');
  }

  async open(): Promise<void> {
    await this.within.getByTestId('fixture-button').click();
    await this.menu.waitFor();
  }

  file(name: string): Locator {
    return this.menu.locator(`[data-testid="fixture-file"][data-name="${name}"]`);
  }

  download(name: string): Promise<Download> {
    return downloadBy(this.file(name).getByTestId('fixture-download'));
  }

  downloadAll(): Promise<Download> {
    return downloadBy(this.menu.getByTestId('fixture-download-all'));
  }

  /** Signs again with this secret (empty: the default test value) and waits for the new summary. */
  async signWith(secret: string): Promise<void> {
    await this.secret.fill(secret);
    await this.menu.getByTestId('fixture-sign').click();
  }
}
