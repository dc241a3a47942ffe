// What several page objects reach the same way: an endpoint in the sidebar, a delivery row, the
// CodeMirror body editors (replay and test event), and a file the page downloads. One place, so a
// change to the markup or to how a user types is made once.
import type { Download, Locator, Page } from 'playwright-core';

/** An endpoint in the sidebar. */
export function endpointItem(page: Page, slug: string): Locator {
  return page.locator(`[data-testid="endpoint-item"][data-slug="${slug}"]`);
}

/** Shows an endpoint's deliveries, as clicking its name in the sidebar does. */
export async function selectEndpoint(page: Page, slug: string): Promise<void> {
  await endpointItem(page, slug).locator('.endpoint-select').click();
}

/** A delivery's row in the list. */
export function deliveryRow(page: Page, id: number): Locator {
  return page.locator(`[data-testid="delivery-row"][data-delivery-id="${id}"]`);
}

/** A body editor's text (CodeMirror: one element per line, so innerText joins them with line breaks). */
export async function editorText(editor: Locator): Promise<string> {
  return (await editor.innerText()).replace(/\n$/, '');
}

/**
 * Replaces an editor's text by typing, as a user would: focus it, select all, insert the text.
 * insertText goes through the browser's input events, so CodeMirror reads it as typed (no auto-indent).
 */
export async function typeInEditor(editor: Locator, text: string): Promise<void> {
  const { keyboard } = editor.page();
  await editor.click();
  await keyboard.press('ControlOrMeta+A');
  await keyboard.press('Delete');
  await keyboard.insertText(text);
}

/** Clicks what starts a download and resolves with the download. */
export async function downloadBy(button: Locator): Promise<Download> {
  const [download] = await Promise.all([button.page().waitForEvent('download'), button.click()]);
  return download;
}
