// The one footer of a settings form: what happened to the last save (an error, or "Saved" with
// what it means), then the buttons, Save last.
import type { ReactNode } from 'react';

export type SaveNotice = { kind: 'error' | 'saved'; text: string } | null;

export interface FormFooterProps {
  className: string;
  notice: SaveNotice;
  busy: boolean;
  /** Save is disabled (nothing changed, not loaded yet). */
  disabled: boolean;
  testIds: { error: string; saved: string; save: string };
  /** Shown above the notice, e.g. why a field is refused before saving. */
  problem?: ReactNode;
  /** Buttons before Save (Close). */
  children?: ReactNode;
  /** The element: a dialog's form ends in a <footer>. */
  as?: 'div' | 'footer';
}

export function FormFooter({ className, notice, busy, disabled, testIds, problem, children, as: Element = 'div' }: FormFooterProps) {
  return (
    <Element className={className}>
      <div className="settings-notice" aria-live="polite">
        {problem}
        {notice?.kind === 'error' && (
          <p className="error-text" role="alert" data-testid={testIds.error}>
            {notice.text}
          </p>
        )}
        {notice?.kind === 'saved' && (
          <p className="saved-text" data-testid={testIds.saved}>
            {notice.text}
          </p>
        )}
      </div>
      {children}
      <button type="submit" className="primary" disabled={busy || disabled} data-testid={testIds.save}>
        {busy ? 'Saving…' : 'Save'}
      </button>
    </Element>
  );
}
