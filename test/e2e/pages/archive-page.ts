import type { Locator, Page } from 'playwright-core';

/** The Documents tab's failed documents ("Fetch again", the loopback hint) and the archive settings. */
export class ArchivePage {
  readonly detail: Locator;
  readonly documents: Locator;
  readonly settings: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('delivery-detail');
    this.documents = this.detail.getByTestId('documents-tab');
    this.settings = this.documents.getByTestId('archive-settings');
  }

  async openDocuments(): Promise<void> {
    await this.detail.getByRole('tab', { name: 'Documents', exact: true }).click();
    await this.documents.waitFor();
  }

  item(state: 'archived' | 'failed' | 'pending'): Locator {
    return this.documents.locator(`[data-testid="document-item"][data-state="${state}"]`);
  }

  async save(): Promise<void> {
    await this.settings.getByTestId('archive-settings-save').click();
    await this.settings.getByTestId('archive-settings-saved').waitFor();
  }
}
