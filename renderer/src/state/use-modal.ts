import { useEffect, useRef, type RefObject, type SyntheticEvent } from 'react';

/**
 * A <dialog> shown modal while its component is mounted. Escape does not close the element itself
 * (the `cancel` event is stopped): it asks the owner to, with `onClose`, so unmounting stays the one
 * way a dialog goes away. Spread the result on the <dialog>.
 */
export function useModal(onClose: () => void): { ref: RefObject<HTMLDialogElement | null>; onCancel: (event: SyntheticEvent) => void } {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  const onCancel = (event: SyntheticEvent) => {
    event.preventDefault();
    onClose();
  };
  return { ref, onCancel };
}
