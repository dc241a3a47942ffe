import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { DeliverySummary } from '../../../../electron/contract/index.js';
import { DeliveryRow } from './DeliveryRow.js';
import './deliveries.css';

/** Fixed row height: keeps virtualization exact and scroll anchoring simple arithmetic. */
const ROW_HEIGHT = 52;
/** Start fetching the next older page this many rows before the end. */
const LOAD_AHEAD = 20;

interface Props {
  items: DeliverySummary[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Called near the end of the list when older pages exist. */
  onEndReached: () => void;
  /** Rows ticked for bulk actions (replay, export); separate from the one open in the detail. */
  checked: ReadonlySet<number>;
  /** A row's checkbox was clicked; `range` when Shift was held (tick everything from the last one clicked). */
  onCheck: (id: number, range: boolean) => void;
}

export function DeliveryList({ items, selectedId, onSelect, onEndReached, checked, onCheck }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();

  // When rows arrive on top while the user reads further down, keep their rows where they were.
  const firstId = useRef<number | null>(null);
  useLayoutEffect(() => {
    const element = scroller.current;
    const previousFirst = firstId.current;
    firstId.current = items[0]?.id ?? null;
    if (!element || previousFirst === null || element.scrollTop === 0) return;
    const shift = items.findIndex((d) => d.id === previousFirst);
    if (shift > 0) element.scrollTop += shift * ROW_HEIGHT;
  }, [items]);

  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? -1;
  useEffect(() => {
    if (items.length > 0 && lastVisible >= items.length - LOAD_AHEAD) onEndReached();
  }, [lastVisible, items.length, onEndReached]);

  const onKeyDown = (event: KeyboardEvent) => {
    const current = items.findIndex((d) => d.id === selectedId);
    let next: number;
    if (event.key === 'ArrowDown') next = current < 0 ? 0 : Math.min(items.length - 1, current + 1);
    else if (event.key === 'ArrowUp') next = current < 0 ? 0 : Math.max(0, current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = items.length - 1;
    else return;
    event.preventDefault();
    const target = items[next];
    if (!target) return;
    onSelect(target.id);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  return (
    <div
      ref={scroller}
      className="delivery-list"
      data-testid="delivery-list"
      role="listbox"
      aria-label="Deliveries"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={selectedId === null ? undefined : `delivery-${selectedId}`}
    >
      <div className="delivery-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {virtualItems.map((row) => {
          const delivery = items[row.index];
          if (!delivery) return null;
          const selected = delivery.id === selectedId;
          return (
            <div
              key={row.key}
              id={`delivery-${delivery.id}`}
              role="option"
              aria-selected={selected}
              className={`delivery-row${selected ? ' selected' : ''}${checked.has(delivery.id) ? ' checked' : ''}`}
              data-testid="delivery-row"
              data-delivery-id={delivery.id}
              style={{ height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
              onClick={() => onSelect(delivery.id)}
            >
              <input
                type="checkbox"
                className="row-check"
                checked={checked.has(delivery.id)}
                aria-label={`Select delivery ${delivery.id}`}
                // The row opens the delivery on click; the checkbox only ticks it.
                onClick={(event) => {
                  event.stopPropagation();
                  onCheck(delivery.id, event.shiftKey);
                }}
                onChange={() => undefined}
                data-testid="row-check"
              />
              <div className="row-content">
                <DeliveryRow delivery={delivery} selected={selected} />
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
