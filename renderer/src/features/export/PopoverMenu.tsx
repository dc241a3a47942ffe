import { useCallback, useRef, useState, type ReactNode } from 'react';
import { useDismiss } from '../../state/use-dismiss.js';
import './export.css';

interface Props {
  /** The button's text ("Copy as…"). */
  label: string;
  title?: string;
  testId: string;
  /** The popover, mounted only while open (so its export runs only when asked for). */
  children: ReactNode;
}

/** A button above the detail that opens a popover under it; Escape or a press outside closes it. */
export function PopoverMenu({ label, title, testId, children }: Props) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, wrapper, close);

  return (
    <div className="snippet-wrapper" ref={wrapper}>
      <button type="button" aria-expanded={open} onClick={() => setOpen((now) => !now)} title={title} data-testid={testId}>
        {label}
      </button>
      {open && children}
    </div>
  );
}
