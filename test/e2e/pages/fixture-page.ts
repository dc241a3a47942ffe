import type { Download, Locator, Page } from 'playwright-core';

/** "Test fixture…" in the delivery detail's header: the files of a fixture, each downloadable. */
export class FixturePage {
  readonly detail: Locator;
  readonly menu: Locator;
  readonly files: Locator;
  readonly summary: Locator;
  readonly secret: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('delivery-detail');
    this.menu = this.detail.getByTestId('fixture-menu');
    this.files = this.menu.getByTestId('fixture-file');
    this.summary = this.menu.getByTestId('fixture-summary');
    this.secret = this.menu.getByTestId('fixture-secret');
    this.error = this.menu.getByTestId('fixture-error');
  }

  async open(): Promise<void> {
    await this.detail.getByTestId('fixture-button').click();
    await this.menu.waitFor();
  }

  file(name: string): Locator {
    return this.menu.locator(`[data-testid="fixture-file"][data-name="${name}"]`);
  }

  async download(name: string): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.file(name).getByTestId('fixture-download').click()]);
    return download;
  }

  async downloadAll(): Promise<Download> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.menu.getByTestId('fixture-download-all').click()]);
    return download;
  }

  /** Signs again with this secret (empty: the default test value) and waits for the new summary. */
  async signWith(secret: string): Promise<void> {
    await this.secret.fill(secret);
    await this.menu.getByTestId('fixture-sign').click();
  }
}
