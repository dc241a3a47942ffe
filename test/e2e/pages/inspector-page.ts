import type { Locator, Page } from 'playwright-core';
import { deliveryRow } from './shared.js';

/** The inspector UI as a user sees it: the delivery list and the detail pane. */
export class InspectorPage {
  readonly list: Locator;
  readonly rows: Locator;
  readonly detail: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByTestId('delivery-list');
    this.rows = page.getByTestId('delivery-row');
    this.detail = page.getByTestId('delivery-detail');
  }

  async open(inspectorUrl: string): Promise<void> {
    await this.page.goto(inspectorUrl);
    // The list appears with the first delivery; before that the pane shows an empty state.
    await this.page.getByTestId('endpoint-sidebar').waitFor();
  }

  row(id: number): Locator {
    return deliveryRow(this.page, id);
  }

  async openDelivery(id: number): Promise<void> {
    await this.row(id).click();
    await this.detail.waitFor();
  }

  async tab(name: 'Overview' | 'Headers' | 'Body' | 'Response'): Promise<void> {
    await this.detail.getByRole('tab', { name, exact: true }).click();
  }

  verificationBadge(id: number): Locator {
    return this.row(id).getByTestId('verification-badge');
  }

  /** Opens the Signature tab of the open delivery. */
  async signatureTab(): Promise<Locator> {
    await this.detail.getByRole('tab', { name: 'Signature', exact: true }).click();
    const panel = this.detail.getByTestId('verification-panel');
    await panel.waitFor();
    return panel;
  }

  async bodyView(name: 'Text' | 'JSON' | 'Pretty' | 'Form' | 'Parts' | 'XML' | 'Image' | 'Raw request' | 'Hex'): Promise<void> {
    await this.detail.getByRole('button', { name, exact: true }).click();
  }
}
