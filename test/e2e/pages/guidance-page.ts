import type { Locator, Page } from 'playwright-core';
import { endpointItem, selectEndpoint } from './shared.js';

/** What the inspector tells a user about states they set up themselves: failing on purpose, a tunnel that would not open. */
export class GuidancePage {
  readonly banner: Locator;
  readonly errorHelp: Locator;
  readonly errorFull: Locator;
  readonly helpServer: Locator;
  readonly helpOwnUrl: Locator;
  readonly tunnelSettings: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByTestId('failing-banner');
    this.errorHelp = page.getByTestId('tunnel-error-help');
    this.errorFull = this.errorHelp.getByTestId('tunnel-error-full');
    this.helpServer = this.errorHelp.getByTestId('tunnel-help-server');
    this.helpOwnUrl = this.errorHelp.getByTestId('tunnel-help-own-url');
    this.tunnelSettings = page.getByTestId('tunnel-settings');
  }

  endpoint(slug: string): Locator {
    return endpointItem(this.page, slug);
  }

  marker(slug: string): Locator {
    return this.endpoint(slug).getByTestId('failing-marker');
  }

  bannerLine(slug: string): Locator {
    return this.banner.locator(`[data-testid="failing-line"][data-slug="${slug}"]`);
  }

  async selectEndpoint(slug: string | null): Promise<void> {
    if (slug === null) await this.page.getByTestId('endpoint-all').click();
    else await selectEndpoint(this.page, slug);
  }
}
