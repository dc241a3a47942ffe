// The inspector's single-key shortcuts, as data: the key handler and the "?" list both read it.
// Pure (no DOM), so the table is unit-tested.

export type ShortcutAction = 'next' | 'previous' | 'open' | 'search' | 'replay' | 'copy-curl' | 'diff' | 'help';

export interface Shortcut {
  key: string;
  /** What the list of keys shows for it. */
  label: string;
  action: ShortcutAction;
  description: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { key: 'j', label: 'j', action: 'next', description: 'Next (older) delivery' },
  { key: 'k', label: 'k', action: 'previous', description: 'Previous (newer) delivery' },
  { key: 'Enter', label: 'Enter', action: 'open', description: 'Open the selected delivery (focus its tabs)' },
  { key: '/', label: '/', action: 'search', description: 'Search the deliveries' },
  { key: 'r', label: 'r', action: 'replay', description: 'Replay the open delivery' },
  { key: 'c', label: 'c', action: 'copy-curl', description: 'Copy the open delivery as cURL' },
  { key: 'd', label: 'd', action: 'diff', description: 'Compare the open delivery with another' },
  { key: '?', label: '?', action: 'help', description: 'Show or hide this list of keys' },
];

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Where the key went: typing in a field must never trigger a shortcut. */
  target: KeyTarget;
}

export interface KeyTarget {
  /** Upper-case tag name (`INPUT`, `BODY`), or null when unknown. */
  tagName: string | null;
  isContentEditable: boolean;
  /** ARIA role, for the list (`listbox`) and code editors (`textbox`). */
  role: string | null;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Enter activates buttons, links and tabs where it is pressed; it opens a delivery only from the list or the page. */
const ENTER_FROM = new Set(['BODY', 'HTML']);

export function isTyping(target: KeyTarget): boolean {
  return target.isContentEditable || (target.tagName !== null && TYPING_TAGS.has(target.tagName)) || target.role === 'textbox';
}

/** The action a key press asks for, or null when it is not a shortcut here. */
export function shortcutFor(press: KeyPress, available: ReadonlySet<ShortcutAction>): ShortcutAction | null {
  if (press.ctrlKey || press.metaKey || press.altKey || isTyping(press.target)) return null;
  const shortcut = SHORTCUTS.find((s) => s.key === press.key);
  if (!shortcut || !available.has(shortcut.action)) return null;
  if (shortcut.action === 'open' && !(press.target.role === 'listbox' || ENTER_FROM.has(press.target.tagName ?? ''))) return null;
  return shortcut.action;
}

/** The shortcuts that do something on this screen, for the list of keys. */
export function availableShortcuts(available: ReadonlySet<ShortcutAction>): Shortcut[] {
  return SHORTCUTS.filter((s) => available.has(s.action));
}
