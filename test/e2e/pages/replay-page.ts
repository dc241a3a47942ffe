import type { Locator, Page } from 'playwright-core';
import { deliveryRow, editorText, typeInEditor } from './shared.js';

/** The Replay tab of the open delivery, the list's selection and bulk replay, Copy as…, export and import. */
export class ReplayPage {
  readonly detail: Locator;
  readonly panel: Locator;
  readonly target: Locator;
  readonly mode: Locator;
  readonly appendPath: Locator;
  readonly send: Locator;
  readonly cancel: Locator;
  readonly body: Locator;
  readonly bodyError: Locator;
  /** CodeMirror's inline error marks: the underline in the text and the marker in the gutter. */
  readonly bodyLintMarks: Locator;
  readonly result: Locator;
  readonly resultStatus: Locator;
  readonly resultError: Locator;
  readonly attempts: Locator;
  readonly bulkDialog: Locator;

  constructor(readonly page: Page) {
    this.detail = page.getByTestId('delivery-detail');
    this.panel = this.detail.getByTestId('replay-panel');
    this.target = this.panel.getByTestId('replay-target');
    this.mode = this.panel.getByTestId('replay-mode');
    this.appendPath = this.panel.getByTestId('replay-append-path');
    this.send = this.panel.getByTestId('replay-send');
    this.cancel = this.panel.getByTestId('replay-cancel');
    this.body = this.panel.getByTestId('replay-body');
    this.bodyError = this.panel.getByTestId('replay-body-error');
    this.bodyLintMarks = this.panel.locator('.cm-lintRange-error, .cm-lint-marker-error');
    this.result = this.panel.getByTestId('replay-result');
    this.resultStatus = this.result.getByTestId('replay-result-status');
    this.resultError = this.result.getByTestId('replay-result-error');
    this.attempts = this.panel.getByTestId('replay-attempt');
    this.bulkDialog = page.getByTestId('bulk-dialog');
  }

  async openTab(): Promise<void> {
    await this.detail.getByRole('tab', { name: 'Replay', exact: true }).click();
    await this.panel.waitFor();
  }

  /** Sends with the current settings and waits for the result of THIS send (the attempt id changes). */
  async sendAndWait(): Promise<void> {
    const before = (await this.result.count()) > 0 ? await this.result.getAttribute('data-attempt-id') : null;
    await this.send.click();
    await this.page.waitForFunction(
      (previous) => {
        const result = document.querySelector('[data-testid="replay-result"]');
        const sending = document.querySelector('[data-testid="replay-cancel"]');
        return result !== null && sending === null && result.getAttribute('data-attempt-id') !== previous;
      },
      before,
      { timeout: 20_000 },
    );
  }

  bodyText(): Promise<string> {
    return editorText(this.body);
  }

  /** Replaces the body by typing, as a user would. */
  typeBody(text: string): Promise<void> {
    return typeInEditor(this.body, text);
  }

  /** The header editor row whose name is `name` (case-insensitive). */
  async headerValueInput(name: string): Promise<Locator> {
    const rows = this.panel.getByTestId('replay-header');
    const count = await rows.count();
    for (let i = 0; i < count; i += 1) {
      const row = rows.nth(i);
      if ((await row.getByTestId('replay-header-name').inputValue()).toLowerCase() === name.toLowerCase()) return row.getByTestId('replay-header-value');
    }
    throw new Error(`no header ${name} in the editor`);
  }

  rowCheck(id: number): Locator {
    return deliveryRow(this.page, id).getByTestId('row-check');
  }

  async openBulk(): Promise<void> {
    await this.page.getByTestId('bulk-replay').click();
    await this.bulkDialog.waitFor();
  }

  async openSnippets(): Promise<Locator> {
    await this.detail.getByTestId('snippet-button').click();
    const menu = this.detail.getByTestId('snippet-menu');
    await menu.waitFor();
    return menu;
  }
}
