import type { Locator, Page } from 'playwright-core';
import { deliveryRow } from './shared.js';

/** The search above the delivery list, and the address it keeps. */
export class SearchPage {
  readonly input: Locator;
  readonly rows: Locator;
  readonly count: Locator;

  constructor(readonly page: Page) {
    this.input = page.getByTestId('search-input');
    this.rows = page.getByTestId('delivery-row');
    this.count = page.getByTestId('delivery-count');
  }

  /** Types a query and presses Enter, as a user commits a search. */
  async search(query: string): Promise<void> {
    await this.input.fill(query);
    await this.input.press('Enter');
  }

  row(id: number): Locator {
    return deliveryRow(this.page, id);
  }

  async shownIds(): Promise<number[]> {
    return this.rows.evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-delivery-id'))).sort((a, b) => b - a));
  }

  /** Waits until exactly these rows are shown (bounded; no timing asserted). */
  async waitForIds(ids: number[]): Promise<void> {
    const wanted = JSON.stringify([...ids].sort((a, b) => b - a));
    for (let i = 0; i < 200; i++) {
      if (JSON.stringify(await this.shownIds()) === wanted) return;
      await this.page.waitForTimeout(50);
    }
    throw new Error(`rows shown ${JSON.stringify(await this.shownIds())}, wanted ${wanted}`);
  }

  address(): URLSearchParams {
    return new URL(this.page.url()).searchParams;
  }
}
