import type { Locator, Page } from 'playwright-core';
import { selectEndpoint } from './shared.js';

/** The parts of the inspector for long sessions: keys, theme, panes, title, notifications, traffic. */
export class LongSessionPage {
  readonly help: Locator;
  readonly themeToggle: Locator;
  readonly trafficStrip: Locator;
  readonly chart: Locator;

  constructor(readonly page: Page) {
    this.help = page.getByTestId('shortcuts-help');
    this.themeToggle = page.getByTestId('theme-toggle');
    this.trafficStrip = page.getByTestId('traffic-strip');
    this.chart = page.getByTestId('rate-chart');
  }

  /** A key pressed with the focus on the page itself (not in a field). */
  async press(key: string): Promise<void> {
    await this.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await this.page.keyboard.press(key);
  }

  selectedRowId(): Promise<number | null> {
    return this.page.evaluate(() => {
      const row = document.querySelector('[data-testid="delivery-row"][aria-selected="true"]');
      return row ? Number(row.getAttribute('data-delivery-id')) : null;
    });
  }

  openDetailId(): Promise<string> {
    return this.page.getByTestId('detail-id').innerText();
  }

  bodyBackground(): Promise<string> {
    return this.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  }

  paneWidth(testId: 'endpoint-sidebar'): Promise<number> {
    return this.page.getByTestId(testId).evaluate((element) => element.getBoundingClientRect().width);
  }

  /** Drags a divider by dx pixels with the mouse. */
  async dragDivider(pane: 'sidebar' | 'list', dx: number): Promise<void> {
    const box = (await this.page.getByTestId(`divider-${pane}`).boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    for (let step = 1; step <= 5; step += 1) await this.page.mouse.move(x + (dx * step) / 5, y);
    await this.page.mouse.up();
  }

  /** As the browser does when the user switches tabs or minimises the window (window.__setHidden: see the test's init script). */
  async setHidden(hidden: boolean): Promise<void> {
    await this.page.evaluate((hide) => (window as unknown as { __setHidden(hide: boolean): void }).__setHidden(hide), hidden);
  }

  async selectEndpoint(slug: string): Promise<void> {
    await selectEndpoint(this.page, slug);
  }
}
