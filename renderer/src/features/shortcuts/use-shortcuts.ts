import { useEffect, useRef } from 'react';
import { shortcutFor, type KeyTarget, type ShortcutAction } from './keymap.js';

/** What an action does now, or undefined when it does nothing on this screen (then its key is not listed). */
export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

function keyTarget(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return { tagName: null, isContentEditable: false, role: null };
  return { tagName: target.tagName, isContentEditable: target.isContentEditable, role: target.getAttribute('role') };
}

/** One keydown listener on the window for the whole inspector; `handlers` is read at each press. */
export function useShortcuts(handlers: () => ShortcutHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.repeat) return;
      const now = current.current();
      const available = new Set(Object.keys(now).filter((action) => now[action as ShortcutAction]) as ShortcutAction[]);
      const action = shortcutFor({ ...event, key: event.key, ctrlKey: event.ctrlKey, metaKey: event.metaKey, altKey: event.altKey, target: keyTarget(event.target) }, available);
      if (!action) return;
      event.preventDefault();
      now[action]?.();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
