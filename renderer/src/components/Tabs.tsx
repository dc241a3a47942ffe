import type { ReactNode } from 'react';
import './tabs.css';

export interface TabOption<T extends string> {
  id: T;
  label: string;
  /** Shown next to the label but kept out of its accessible name (e.g. a count). */
  badge?: ReactNode;
}

/** A row of ARIA tabs; the caller renders the selected panel. */
export function Tabs<T extends string>({
  tabs,
  selected,
  onSelect,
  label,
}: {
  tabs: TabOption<T>[];
  selected: T;
  onSelect: (id: T) => void;
  label: string;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === selected}
          className={tab.id === selected ? 'tab selected' : 'tab'}
          data-testid={`tab-${tab.id}`}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
          {tab.badge !== undefined && (
            <span className="tab-badge" aria-hidden="true">
              {tab.badge}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
