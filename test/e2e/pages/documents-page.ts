import type { Locator, Page } from 'playwright-core';

/** The detail pane's "what arrived" parts: the Documents tab with its PDF preview, and the Overview's arrival summary. */
export class DocumentsPage {
  readonly detail: Locator;
  readonly tab: Locator;
  readonly panel: Locator;
  readonly preview: Locator;
  readonly indicator: Locator;
  readonly canvas: Locator;
  readonly next: Locator;
  readonly previous: Locator;
  readonly metaPages: Locator;
  readonly arrival: Locator;
  readonly duplicate: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('delivery-detail');
    this.tab = this.detail.getByRole('tab', { name: 'Documents', exact: true });
    this.panel = this.detail.getByTestId('documents-tab');
    this.preview = this.panel.getByTestId('pdf-preview');
    this.indicator = this.panel.getByTestId('pdf-page-indicator');
    this.canvas = this.panel.getByTestId('pdf-page-canvas');
    this.next = this.panel.getByTestId('pdf-next');
    this.previous = this.panel.getByTestId('pdf-prev');
    this.metaPages = this.panel.getByTestId('pdf-meta-pages');
    this.arrival = this.detail.getByTestId('arrival-summary');
    this.duplicate = this.detail.getByTestId('duplicate-info');
  }

  providerBadge(row: Locator): Locator {
    return row.getByTestId('provider-badge');
  }

  attemptBadge(row: Locator): Locator {
    return row.getByTestId('attempt-badge');
  }

  async openOverview(): Promise<void> {
    await this.detail.getByRole('tab', { name: 'Overview', exact: true }).click();
    await this.arrival.waitFor();
  }

  async openDocuments(): Promise<void> {
    await this.tab.click();
    await this.panel.waitFor();
  }

  /** Waits until page `n` is drawn on the canvas (pdf.js finished rendering it). */
  async waitForPage(n: number, timeout = 15_000): Promise<void> {
    await this.page.waitForFunction(
      (want) => {
        const canvas = document.querySelector('[data-testid="pdf-page-canvas"]');
        return canvas?.getAttribute('data-page-number') === String(want) && canvas.getAttribute('data-rendering') === 'false';
      },
      n,
      { timeout },
    );
  }

  /** How many pixels of the page canvas are not white or transparent. */
  async inkedPixels(): Promise<number> {
    return this.canvas.evaluate((element) => {
      const canvas = element as HTMLCanvasElement;
      const context = canvas.getContext('2d');
      if (!context || canvas.width === 0 || canvas.height === 0) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! > 0 && (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240)) inked += 1;
      }
      return inked;
    });
  }
}
