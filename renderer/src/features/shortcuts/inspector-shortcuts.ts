// What each shortcut does in the inspector, against the page as it is: the list's own arrow keys,
// the detail's tabs, the search field when there is one, the command bus for the detail's tab.
import { useCallback, useEffect, useState } from 'react';
import type { HookscopeClient } from '../../api/client.js';
import { errorMessage } from '../../api/client.js';
import { sendCommand } from '../../lib/commands.js';
import type { ShortcutHandlers } from './use-shortcuts.js';

/** j/k are ↓/↑ of the list (DeliveryList): one definition of moving, scrolling included. */
function moveInList(key: 'ArrowDown' | 'ArrowUp'): void {
  const list = document.querySelector<HTMLElement>('[data-testid="delivery-list"]');
  if (!list) return;
  list.focus({ preventScroll: true });
  list.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
}

function searchField(): HTMLInputElement | null {
  return document.querySelector<HTMLInputElement>('.deliveries-pane input[type="search"], input[type="search"]');
}

export interface InspectorShortcuts {
  handlers: () => ShortcutHandlers;
  offered: () => ShortcutHandlers;
  helpOpen: boolean;
  closeHelp: () => void;
  /** What the last shortcut did, for a polite live region ("Copied as cURL"). */
  notice: string | null;
}

export function useInspectorShortcuts(client: HookscopeClient, openId: number | null): InspectorShortcuts {
  const [helpOpen, setHelpOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const copyCurl = useCallback(
    (id: number) => {
      // The "Copy as…" menu's first choice with its defaults: cURL, secrets redacted.
      client
        .invoke('deliveries.snippet', { id, language: 'shell', client: 'curl', redact: true })
        .then((snippet) => navigator.clipboard.writeText(snippet.code))
        .then(
          () => setNotice(`Copied delivery ${id} as cURL (secrets redacted)`),
          (failure: unknown) => setNotice(`Could not copy as cURL: ${errorMessage(failure)}`),
        );
    },
    [client],
  );

  const help = () => setHelpOpen((open) => !open);
  /** Everything the page offers now, whether or not the list of keys is open. */
  const offered = (): ShortcutHandlers => {
    const hasList = document.querySelector('[data-testid="delivery-row"]') !== null;
    const search = searchField();
    return {
      next: hasList ? () => moveInList('ArrowDown') : undefined,
      previous: hasList ? () => moveInList('ArrowUp') : undefined,
      open: openId !== null ? () => document.querySelector<HTMLElement>('[data-testid="delivery-detail"] [role="tab"][aria-selected="true"]')?.focus() : undefined,
      search: search ? () => (search.focus(), search.select()) : undefined,
      replay: openId !== null ? () => sendCommand('detail.show-tab', 'replay') : undefined,
      'copy-curl': openId !== null ? () => copyCurl(openId) : undefined,
      diff: openId !== null ? () => sendCommand('detail.compare', null) : undefined,
      help,
    };
  };
  // While the list of keys is open only "?" (and Escape) act.
  const handlers = (): ShortcutHandlers => (helpOpen ? { help } : offered());

  useEffect(() => {
    if (notice === null) return;
    const timer = setTimeout(() => setNotice(null), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  return { handlers, offered, helpOpen, closeHelp: () => setHelpOpen(false), notice };
}
