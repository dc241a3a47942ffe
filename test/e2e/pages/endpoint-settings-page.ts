import type { Locator, Page } from 'playwright-core';
import { endpointItem, selectEndpoint } from './shared.js';

/** The endpoint settings dialog, opened from the selected endpoint in the sidebar. */
export class EndpointSettingsPage {
  readonly dialog: Locator;
  readonly scheme: Locator;
  readonly secret: Locator;
  readonly save: Locator;
  readonly error: Locator;
  readonly saved: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('endpoint-settings');
    this.scheme = this.dialog.getByTestId('verification-scheme');
    this.secret = this.dialog.getByTestId('verification-secret');
    this.save = this.dialog.getByTestId('save-endpoint');
    this.error = this.dialog.getByTestId('endpoint-settings-error');
    this.saved = this.dialog.getByTestId('endpoint-settings-saved');
  }

  endpointItem(slug: string): Locator {
    return endpointItem(this.page, slug);
  }

  /** Creates an endpoint with the sidebar's "New endpoint" form; the new endpoint becomes selected. */
  async createEndpoint(slug: string): Promise<void> {
    await this.page.getByTestId('create-endpoint-slug').fill(slug);
    await this.page.getByTestId('create-endpoint-submit').click();
    await this.endpointItem(slug).locator('.endpoint-select[aria-current="true"]').waitFor();
  }

  async open(slug: string): Promise<void> {
    await selectEndpoint(this.page, slug);
    await this.endpointItem(slug).getByTestId('endpoint-settings-button').click();
    await this.dialog.waitFor();
  }

  /** Picks a provider from the catalogue: its scheme and options are filled in. */
  async chooseProvider(id: string): Promise<void> {
    await this.dialog.getByTestId('verification-provider').selectOption(id);
  }

  async chooseScheme(scheme: string): Promise<void> {
    await this.scheme.selectOption(scheme);
  }

  async saveAndWait(): Promise<void> {
    await this.save.click();
    await this.saved.waitFor();
  }

  async reverifyAll(): Promise<string> {
    await this.dialog.getByTestId('reverify-endpoint').click();
    const result = this.dialog.getByTestId('reverify-endpoint-result');
    await result.waitFor();
    return result.innerText();
  }

  async close(): Promise<void> {
    await this.dialog.getByTestId('close-endpoint-settings').click();
    await this.dialog.waitFor({ state: 'detached' });
  }
}
