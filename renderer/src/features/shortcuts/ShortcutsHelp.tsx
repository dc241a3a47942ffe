import { useEffect, useRef } from 'react';
import type { Shortcut } from './keymap.js';
import './shortcuts.css';

/** The list of keys ("?"): only those that do something here. Escape, "?" or a click outside closes it. */
export function ShortcutsHelp({ shortcuts, onClose }: { shortcuts: Shortcut[]; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="shortcuts-help"
      aria-label="Keyboard shortcuts"
      data-testid="shortcuts-help"
      // Escape: `cancel` comes at once, `close` a task later; a key pressed between must already act.
      onCancel={onClose}
      onClose={onClose}
      onClick={(event) => event.target === dialog.current && onClose()}
      onKeyDown={(event) => {
        if (event.key === '?') {
          event.preventDefault();
          onClose();
        }
      }}
    >
      <h3>Keyboard shortcuts</h3>
      <table className="shortcuts-table">
        <tbody>
          {shortcuts.map((shortcut) => (
            <tr key={shortcut.action} data-testid="shortcut" data-action={shortcut.action}>
              <td>
                <kbd>{shortcut.label}</kbd>
              </td>
              <td>{shortcut.description}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>↑</kbd> <kbd>↓</kbd>
            </td>
            <td>Move in the list (when it has the focus)</td>
          </tr>
        </tbody>
      </table>
      <button type="button" onClick={onClose} data-testid="close-shortcuts">
        Close
      </button>
    </dialog>
  );
}
