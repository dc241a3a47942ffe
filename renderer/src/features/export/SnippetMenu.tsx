import { useEffect, useState } from 'react';
import { snippetTargets, type SnippetLanguage, type SnippetResult } from '../../../../electron/contract/types.js';
import { errorMessage } from '../../api/client.js';
import { CopyButton } from '../../components/CopyButton.js';
import { useClient } from '../../state/client-context.js';
import { PopoverMenu } from './PopoverMenu.js';
import './export.css';

const LANGUAGE_LABEL: Record<SnippetLanguage, string> = {
  shell: 'Shell',
  node: 'Node.js',
  javascript: 'JavaScript',
  python: 'Python',
  go: 'Go',
  php: 'PHP',
  ruby: 'Ruby',
  java: 'Java',
  csharp: 'C#',
  powershell: 'PowerShell',
  http: 'HTTP',
};

const CHOICES = (Object.entries(snippetTargets) as [SnippetLanguage, readonly string[]][]).flatMap(([language, clients]) =>
  clients.map((client) => ({ value: `${language}/${client}`, language, client, label: `${LANGUAGE_LABEL[language]} · ${client}` })),
);

type State = { status: 'loading' } | { status: 'ready'; snippet: SnippetResult } | { status: 'error'; message: string };

/** "Copy as…": the delivery as a cURL command or another client's code, secrets redacted by default. */
export function SnippetMenu({ deliveryId }: { deliveryId: number }) {
  return (
    <PopoverMenu label="Copy as…" testId="snippet-button">
      <SnippetPanel deliveryId={deliveryId} />
    </PopoverMenu>
  );
}

function SnippetPanel({ deliveryId }: { deliveryId: number }) {
  const client = useClient();
  const [choice, setChoice] = useState(CHOICES[0]!.value);
  const [redact, setRedact] = useState(true);
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    const picked = CHOICES.find((c) => c.value === choice) ?? CHOICES[0]!;
    let current = true;
    setState({ status: 'loading' });
    client.invoke('deliveries.snippet', { id: deliveryId, language: picked.language, client: picked.client, redact }).then(
      (snippet) => current && setState({ status: 'ready', snippet }),
      (failure: unknown) => current && setState({ status: 'error', message: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [client, deliveryId, choice, redact]);

  return (
    <div className="snippet-menu popover" role="dialog" aria-label="Copy as code" data-testid="snippet-menu">
      <div className="snippet-controls">
        <select value={choice} onChange={(event) => setChoice(event.target.value)} aria-label="Language and client" data-testid="snippet-target">
          {CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        <label className="checkbox">
          <input type="checkbox" checked={redact} onChange={(event) => setRedact(event.target.checked)} data-testid="snippet-redact" />
          redact secrets and signature headers
        </label>
        {state.status === 'ready' && <CopyButton text={state.snippet.code} testId="snippet-copy" />}
      </div>
      {state.status === 'loading' && <p className="muted fine">Generating…</p>}
      {state.status === 'error' && (
        <p className="error-text" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && (
        <>
          {state.snippet.warning && <p className="note note-warning">{state.snippet.warning}</p>}
          <pre className="mono snippet-code" data-testid="snippet-code">
            {state.snippet.code}
          </pre>
          <p className="help">
            Calls <span className="mono">{state.snippet.url}</span>
          </p>
        </>
      )}
    </div>
  );
}
