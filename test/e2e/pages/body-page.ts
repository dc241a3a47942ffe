import type { Locator, Page } from 'playwright-core';

/** The Body tab's viewers, and the page's long tasks as the browser reports them. */
export class BodyPage {
  readonly detail: Locator;
  readonly tree: Locator;
  readonly rows: Locator;
  readonly decoded: Locator;
  readonly decodeError: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('delivery-detail');
    this.tree = this.detail.getByTestId('body-json-tree');
    this.rows = this.tree.getByTestId('json-row');
    this.decoded = this.detail.getByTestId('body-decoded');
    this.decodeError = this.detail.getByTestId('body-decode-error');
  }

  row(path: string): Locator {
    return this.tree.locator(`[data-testid="json-row"][data-path="${path}"]`);
  }

  view(testId: string): Locator {
    return this.detail.getByTestId(testId);
  }

  /** Starts recording long tasks (the browser's own PerformanceObserver, entries of 50 ms and more). */
  async recordLongTasks(): Promise<void> {
    await this.page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[]; __longTaskObserver?: PerformanceObserver };
      w.__longTaskObserver?.disconnect();
      w.__longTasks = [];
      w.__longTaskObserver = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longTasks.push(entry.duration);
      });
      w.__longTaskObserver.observe({ type: 'longtask' });
    });
  }

  /** The long tasks since recording started, after two frames so the last one is reported. */
  async longTasks(): Promise<number[]> {
    return this.page.evaluate(
      () =>
        new Promise<number[]>((resolve) =>
          requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve((window as unknown as { __longTasks: number[] }).__longTasks), 100))),
        ),
    );
  }
}
