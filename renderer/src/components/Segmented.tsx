import './segmented.css';
/** Mutually exclusive toggle buttons (aria-pressed), for switching how one thing is shown. */
export function Segmented<T extends string>({
  options,
  selected,
  onSelect,
  label,
}: {
  options: { id: T; label: string }[];
  selected: T;
  onSelect: (id: T) => void;
  label: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((option) => (
        <button
          key={option.id}
          type="button"
          aria-pressed={option.id === selected}
          className={option.id === selected ? 'segment selected' : 'segment'}
          data-testid={`view-${option.id}`}
          onClick={() => onSelect(option.id)}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}
