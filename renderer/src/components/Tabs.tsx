export interface TabOption<T extends string> {
  id: T;
  label: string;
  disabled?: boolean;
}

/** A row of tab buttons; the caller renders the selected panel. */
export function Tabs<T extends string>({
  tabs,
  selected,
  onSelect,
  small = false,
  label,
}: {
  tabs: TabOption<T>[];
  selected: T;
  onSelect: (id: T) => void;
  small?: boolean;
  label: string;
}) {
  return (
    <div className={small ? 'tabs tabs-small' : 'tabs'} role="tablist" aria-label={label}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          type="button"
          role="tab"
          aria-selected={tab.id === selected}
          className={tab.id === selected ? 'tab selected' : 'tab'}
          disabled={tab.disabled}
          data-testid={`tab-${tab.id}`}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}
