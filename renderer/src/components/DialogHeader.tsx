import type { ReactNode } from 'react';
import './dialog-header.css';

interface Props {
  /** The id the <dialog>'s aria-labelledby names. */
  titleId: string;
  children: ReactNode;
  onClose: () => void;
  closeLabel?: string;
  closeTestId: string;
}

/** A settings dialog's title bar: the title, and × to close. */
export function DialogHeader({ titleId, children, onClose, closeLabel = 'Close', closeTestId }: Props) {
  return (
    <header className="settings-header">
      <h2 id={titleId}>{children}</h2>
      <button type="button" className="icon-button" onClick={onClose} aria-label={closeLabel} data-testid={closeTestId}>
        ×
      </button>
    </header>
  );
}
