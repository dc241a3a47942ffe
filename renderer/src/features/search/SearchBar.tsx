import { useEffect, useRef, useState } from 'react';
import { queryHelp } from '../../../../electron/contract/search.js';
import './search.css';

interface Props {
  query: string;
  /** `push` on Enter (a step back returns to the previous search); `replace` while typing. */
  onQuery: (query: string, mode: 'push' | 'replace') => void;
  error: string | null;
}

/** Typing waits this long before searching, so each keystroke does not cost a query. */
const SETTLE_MS = 300;

/** The search above the list, with the grammar one click away. The query is the user's; it is shown as text, never markup. */
export function SearchBar({ query, onQuery, error }: Props) {
  const [draft, setDraft] = useState(query);
  const [helpOpen, setHelpOpen] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  // Back, forward or a link changed the search: show it.
  useEffect(() => setDraft(query), [query]);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const onChange = (value: string) => {
    setDraft(value);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => onQuery(value, 'replace'), SETTLE_MS);
  };

  return (
    <div className="search-bar">
      <form
        className="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          window.clearTimeout(timer.current);
          onQuery(draft, 'push');
        }}
      >
        <input
          type="search"
          className="search-input mono"
          placeholder="Search: job_123  status:5xx  verified:invalid  event:invoice.*"
          aria-label="Search deliveries"
          value={draft}
          onChange={(event) => onChange(event.target.value)}
          maxLength={1000}
          spellCheck={false}
          data-testid="search-input"
        />
        <button type="button" className="search-help-toggle" aria-expanded={helpOpen} aria-label="Search help" onClick={() => setHelpOpen(!helpOpen)} data-testid="search-help-toggle">
          ?
        </button>
      </form>
      {error && (
        <p className="error-text search-error" role="alert" data-testid="search-error">
          {error}
        </p>
      )}
      {helpOpen && (
        <div className="search-help" data-testid="search-help">
          <p className="muted">Every term must match; newest first. Words are matched whole (identifiers like evt_1Nx… and UUIDs stay one word).</p>
          <table>
            <tbody>
              {queryHelp.map((row) => (
                <tr key={row.example}>
                  <td>
                    <code className="mono">{row.example}</code>
                  </td>
                  <td>{row.meaning}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
