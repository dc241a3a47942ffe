import type { Locator, Page } from 'playwright-core';

/** The comparison of two requests: the detail pane's "Compare…" panel, and the diff it shows. */
export class DiffPage {
  readonly detail: Locator;
  readonly panel: Locator;
  readonly view: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('delivery-detail');
    this.panel = this.detail.getByTestId('compare-panel');
    this.view = this.detail.getByTestId('diff-view');
  }

  /** Opens "Compare…" in the detail pane and compares the open delivery with delivery `otherId`. */
  async compareWith(otherId: number): Promise<void> {
    await this.detail.getByTestId('compare-button').click();
    await this.panel.getByTestId('compare-id').fill(String(otherId));
    await this.panel.getByTestId('compare-go').click();
    await this.bodySummary().waitFor({ timeout: 20_000 });
  }

  bodySummary(within: Locator = this.view): Locator {
    return within.getByTestId('diff-body-summary');
  }

  /** The changed lines of a section ('diff-headers' or 'diff-body'), each "+ text" or "- text". */
  async changedLines(section: 'diff-headers' | 'diff-body', within: Locator = this.view): Promise<string[]> {
    const rows = within.getByTestId(section).locator('[data-kind="added"], [data-kind="removed"]');
    return (await rows.allInnerTexts()).map((text) => text.trimEnd());
  }
}
