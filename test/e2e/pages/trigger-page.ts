import type { Download, Locator, Page } from 'playwright-core';

/** The "Send test event" panel of an endpoint. */
export class TriggerPage {
  readonly dialog: Locator;
  readonly template: Locator;
  readonly contract: Locator;
  readonly body: Locator;
  readonly send: Locator;
  readonly verdict: Locator;
  readonly attempts: Locator;
  readonly responseBodies: Locator;
  readonly runs: Locator;
  readonly url: Locator;
  readonly error: Locator;
  /** "Export as test fixture": the fixture's files, shown in the panel. */
  readonly fixture: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByTestId('trigger-dialog');
    this.template = this.dialog.getByTestId('trigger-template');
    this.contract = this.dialog.getByTestId('trigger-contract');
    this.body = this.dialog.getByTestId('trigger-body-editor');
    this.send = this.dialog.getByTestId('trigger-send');
    this.verdict = this.dialog.getByTestId('trigger-verdict');
    this.attempts = this.dialog.getByTestId('trigger-attempt');
    this.responseBodies = this.dialog.getByTestId('trigger-response-body');
    this.runs = this.dialog.getByTestId('trigger-run-item');
    this.url = this.dialog.getByTestId('trigger-url');
    this.error = this.dialog.getByTestId('trigger-error');
    this.fixture = this.dialog.getByTestId('fixture-menu');
  }

  /** Exports the event as edited and waits for the fixture's files. */
  async exportFixture(): Promise<void> {
    await this.dialog.getByTestId('trigger-export-fixture').click();
    await this.fixture.getByTestId('fixture-file').first().waitFor();
  }

  async downloadFixtureFile(name: string): Promise<Download> {
    const row = this.fixture.locator(`[data-testid="fixture-file"][data-name="${name}"]`);
    const [download] = await Promise.all([this.page.waitForEvent('download'), row.getByTestId('fixture-download').click()]);
    return download;
  }

  async open(slug: string): Promise<void> {
    await this.page.locator(`[data-testid="endpoint-item"][data-slug="${slug}"] .endpoint-select`).click();
    await this.page.getByTestId('open-trigger').click();
    await this.dialog.waitFor();
  }

  async choose(templateId: string): Promise<void> {
    await this.template.selectOption(templateId);
  }

  async target(kind: 'endpoint' | 'forward' | 'url'): Promise<void> {
    await this.dialog.getByTestId(`view-${kind}`).click();
  }

  async bodyText(): Promise<string> {
    return (await this.body.innerText()).replace(/\n$/, '');
  }

  /** Replaces the body as typed (see ReplayPage.typeBody). */
  async typeBody(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('ControlOrMeta+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }
}
