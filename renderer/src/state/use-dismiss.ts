import { useEffect, type RefObject } from 'react';

/**
 * Closes a popover the way a menu closes: on Escape, and on a press anywhere outside `within` (the
 * popover and the button that opened it, so pressing that button toggles rather than reopens).
 * Listens only while `open`, so closed popovers cost nothing.
 */
export function useDismiss(open: boolean, within: RefObject<HTMLElement | null>, dismiss: () => void): void {
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (within.current && event.target instanceof Node && !within.current.contains(event.target)) dismiss();
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') dismiss();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, within, dismiss]);
}
