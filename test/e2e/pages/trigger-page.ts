import type { Download, Locator, Page } from 'playwright-core';
import { FixturePage } from './fixture-page.js';
import { editorText, selectEndpoint, typeInEditor } from './shared.js';

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
  private readonly fixtureFiles: FixturePage;

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
    this.fixtureFiles = new FixturePage(page, this.dialog);
    this.fixture = this.fixtureFiles.menu;
  }

  /** Exports the event as edited and waits for the fixture's files. */
  async exportFixture(): Promise<void> {
    await this.dialog.getByTestId('trigger-export-fixture').click();
    await this.fixture.getByTestId('fixture-file').first().waitFor();
  }

  downloadFixtureFile(name: string): Promise<Download> {
    return this.fixtureFiles.download(name);
  }

  /**
   * Opens the panel and waits until it has chosen its first template (the contract line shows it):
   * until then the select has no value and reads as its first option.
   */
  async open(slug: string): Promise<void> {
    await selectEndpoint(this.page, slug);
    await this.page.getByTestId('open-trigger').click();
    await this.dialog.waitFor();
    await this.contract.waitFor();
  }

  async choose(templateId: string): Promise<void> {
    await this.template.selectOption(templateId);
  }

  async target(kind: 'endpoint' | 'forward' | 'url'): Promise<void> {
    await this.dialog.getByTestId(`view-${kind}`).click();
  }

  bodyText(): Promise<string> {
    return editorText(this.body);
  }

  /** Replaces the body as typed. */
  typeBody(text: string): Promise<void> {
    return typeInEditor(this.body, text);
  }
}
