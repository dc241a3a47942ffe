import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { clampWidth, PANE_LIMITS, type PaneName } from './pane-widths.js';
import './layout.css';

interface Props {
  pane: PaneName;
  /** While dragging; `done` when the drag ends (then it is kept). */
  onResize: (width: number, done: boolean) => void;
  /** Double-click: back to the default layout. */
  onReset: () => void;
  label: string;
}

/** The draggable line right of a pane; arrow keys move it too (it is a focusable separator). */
export function PaneDivider({ pane, onResize, onReset, label }: Props) {
  const self = useRef<HTMLDivElement>(null);
  /** The pane left of the divider as laid out now: the width set, or the default layout's. */
  const width = () => self.current?.previousElementSibling?.getBoundingClientRect().width ?? PANE_LIMITS[pane].min;
  const drag = useRef<{ startX: number; startWidth: number; last: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    const startWidth = width();
    drag.current = { startX: event.clientX, startWidth, last: startWidth };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const now = drag.current;
    if (!now) return;
    now.last = clampWidth(pane, now.startWidth + event.clientX - now.startX);
    onResize(now.last, false);
  };
  const onPointerUp = () => {
    const now = drag.current;
    drag.current = null;
    if (now) onResize(now.last, true);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const delta = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    onResize(clampWidth(pane, width() + delta * PANE_LIMITS[pane].step), true);
  };

  return (
    <div
      ref={self}
      className="pane-divider"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuemin={PANE_LIMITS[pane].min}
      aria-valuemax={PANE_LIMITS[pane].max}
      tabIndex={0}
      data-testid={`divider-${pane}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      onDoubleClick={onReset}
    />
  );
}
