import type { Locator, Page } from 'playwright-core';

/** The detail pane's views of untrusted content, as the hostile-content tests look at them. */
export class UntrustedContentPage {
  readonly detail: Locator;
  readonly viewError: Locator;
  readonly jsonTree: Locator;
  readonly jsonDeep: Locator;
  readonly jsonPretty: Locator;
  readonly text: Locator;
  readonly hex: Locator;
  readonly thumbnails: Locator;
  readonly thumbnail: Locator;
  readonly thumbnailsMore: Locator;
  readonly pageJump: Locator;
  readonly pageJumpGo: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('delivery-detail');
    this.viewError = this.detail.getByTestId('view-error');
    this.jsonTree = this.detail.getByTestId('body-json-tree');
    this.jsonDeep = this.detail.getByTestId('body-json-deep');
    this.jsonPretty = this.detail.getByTestId('body-json');
    this.text = this.detail.getByTestId('body-text');
    this.hex = this.detail.getByTestId('body-hex');
    this.thumbnails = this.detail.getByTestId('pdf-thumbnails');
    this.thumbnail = this.detail.getByTestId('pdf-thumbnail');
    this.thumbnailsMore = this.detail.getByTestId('pdf-thumbnails-more');
    this.pageJump = this.detail.getByTestId('pdf-page-jump');
    this.pageJumpGo = this.detail.getByTestId('pdf-page-jump-go');
  }

  /** Resolves once the page's main thread answers a round trip; rejects after `ms` if it is stuck. */
  async responsive(ms = 20_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the page did not answer within ${ms} ms`)), ms);
    });
    try {
      await Promise.race([this.page.evaluate(() => document.querySelectorAll('*').length), stuck]);
    } finally {
      clearTimeout(timer);
    }
  }
}
