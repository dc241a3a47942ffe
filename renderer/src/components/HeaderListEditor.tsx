// The one editor for an ordered list of headers (a replay's request, an endpoint's response): a
// name and a value per row, remove, add. Rows carry a key so React keeps each input's focus while
// names are typed.
import type { HeaderPair } from '../../../electron/contract/index.js';
import './header-list-editor.css';

export interface HeaderRow {
  key: number;
  name: string;
  value: string;
}

let nextKey = 1;
export const headerRow = (name = '', value = ''): HeaderRow => ({ key: nextKey++, name, value });

export const rowsOf = (headers: HeaderPair[]): HeaderRow[] => headers.map(([name, value]) => headerRow(name, value));

/** data-testid of each part, so each screen keeps the ids its tests and page objects use. */
export interface HeaderListTestIds {
  row: string;
  name: string;
  value: string;
  remove?: string;
  add: string;
}

export function HeaderListEditor({ rows, onChange, empty, testIds }: { rows: HeaderRow[]; onChange: (rows: HeaderRow[]) => void; empty: string; testIds: HeaderListTestIds }) {
  const setRow = (key: number, update: Partial<HeaderRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...update } : row)));
  return (
    <>
      {rows.length === 0 && <p className="muted fine">{empty}</p>}
      {rows.map((row, index) => (
        <div className="header-edit-row" key={row.key} data-testid={testIds.row}>
          <input
            className="mono"
            aria-label={`Header ${index + 1} name`}
            placeholder="Name"
            value={row.name}
            spellCheck={false}
            onChange={(event) => setRow(row.key, { name: event.target.value })}
            data-testid={testIds.name}
          />
          <input
            className="mono"
            aria-label={`Header ${index + 1} value`}
            placeholder="Value"
            value={row.value}
            spellCheck={false}
            onChange={(event) => setRow(row.key, { value: event.target.value })}
            data-testid={testIds.value}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Remove header ${index + 1}`}
            onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
            data-testid={testIds.remove}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, headerRow()])} data-testid={testIds.add}>
        Add header
      </button>
    </>
  );
}
