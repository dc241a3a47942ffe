import type { Locator, Page } from 'playwright-core';
import { endpointItem } from './shared.js';

/** The public URL control in the top bar, its settings popover, and the public URLs in the sidebar. */
export class TunnelPage {
  readonly control: Locator;
  readonly state: Locator;
  readonly url: Locator;
  readonly toggle: Locator;
  readonly error: Locator;
  readonly urlChanged: Locator;
  readonly settings: Locator;
  readonly host: Locator;
  readonly subdomain: Locator;
  readonly ownPublicUrl: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly settingsError: Locator;
  readonly limits: Locator;

  constructor(readonly page: Page) {
    this.control = page.getByTestId('tunnel-control');
    this.state = this.control.getByTestId('tunnel-state');
    this.url = this.control.getByTestId('tunnel-url');
    this.toggle = this.control.getByTestId('tunnel-toggle');
    this.error = this.control.getByTestId('tunnel-error');
    this.urlChanged = page.getByTestId('tunnel-url-changed');
    this.settings = page.getByTestId('tunnel-settings');
    this.host = this.settings.getByTestId('tunnel-host');
    this.subdomain = this.settings.getByTestId('tunnel-subdomain');
    this.ownPublicUrl = this.settings.getByTestId('own-public-url');
    this.save = this.settings.getByTestId('tunnel-settings-save');
    this.saved = this.settings.getByTestId('tunnel-settings-saved');
    this.settingsError = this.settings.getByTestId('tunnel-settings-error');
    this.limits = this.settings.getByTestId('tunnel-limits');
  }

  async openSettings(): Promise<void> {
    if (await this.settings.isVisible()) return;
    await this.control.getByTestId('tunnel-settings-button').click();
    await this.settings.waitFor();
  }

  async closeSettings(): Promise<void> {
    await this.settings.getByTestId('close-tunnel-settings').click();
    await this.settings.waitFor({ state: 'detached' });
  }

  /** Fills the given fields (others untouched) and saves; resolves once "Saved" shows. */
  async saveSettings(fields: { host?: string; subdomain?: string; ownPublicUrl?: string }): Promise<void> {
    await this.openSettings();
    if (fields.host !== undefined) await this.host.fill(fields.host);
    if (fields.subdomain !== undefined) await this.subdomain.fill(fields.subdomain);
    if (fields.ownPublicUrl !== undefined) await this.ownPublicUrl.fill(fields.ownPublicUrl);
    await this.save.click();
    await this.saved.waitFor();
  }

  /** The public URL shown under an endpoint in the sidebar. */
  endpointPublicUrl(slug: string): Locator {
    return endpointItem(this.page, slug).getByTestId('public-url');
  }

  async stateText(): Promise<string> {
    return (await this.state.innerText()).trim();
  }
}
