import { useEffect, useMemo, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { FixtureFile, FixtureResult, HeaderPair } from '../../../../electron/contract/types.js';
import { errorMessage } from '../../api/client.js';
import { CopyButton } from '../../components/CopyButton.js';
import { saveFile } from '../../lib/save-file.js';
import { useClient } from '../../state/client-context.js';
import { PopoverMenu } from './PopoverMenu.js';
import './export.css';

/** What a fixture is made from: a stored delivery, or a trigger template with the Test event panel's edits. */
export type FixtureSource = { id: number } | { template: string; body?: string; headers?: HeaderPair[] };

type State = { status: 'loading' } | { status: 'ready'; fixture: FixtureResult } | { status: 'error'; message: string };

const bytesOf = (file: FixtureFile): Uint8Array<ArrayBuffer> =>
  file.encoding === 'base64' ? Uint8Array.from(atob(file.content), (char) => char.charCodeAt(0)) : new TextEncoder().encode(file.content);

/** "Test fixture…": the delivery as body.bin, headers.json, a README and Vitest/pytest tests, signed with a test secret. */
export function FixtureMenu({ deliveryId }: { deliveryId: number }) {
  return (
    <PopoverMenu label="Test fixture…" title="Export as test fixture" testId="fixture-button">
      <FixturePanel source={{ id: deliveryId }} />
    </PopoverMenu>
  );
}

/**
 * The fixture's files, made from `source`, with a field to sign them with the user's own test secret.
 * No <form> of its own, so it can sit inside another (the Test event panel's): Enter signs here
 * without submitting that one. `inline`: in the page's flow rather than a popover.
 */
export function FixturePanel({ source, inline = false }: { source: FixtureSource; inline?: boolean }) {
  const client = useClient();
  // A new object each render is the same source: the export runs again only when its content changes.
  const key = JSON.stringify(source);
  const request = useMemo(() => JSON.parse(key) as FixtureSource, [key]);
  /** The secret the fixture is signed with: empty for the default test value. */
  const [secret, setSecret] = useState('');
  const [asked, setAsked] = useState<string | undefined>(undefined);
  const [state, setState] = useState<State>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    client.invoke('fixtures.export', { ...request, ...(asked ? { secret: asked } : {}) }).then(
      (fixture) => current && setState({ status: 'ready', fixture }),
      (failure: unknown) => current && setState({ status: 'error', message: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [client, request, asked]);

  const resign = () => setAsked(secret.trim() === '' ? undefined : secret.trim());
  const onKey = (event: ReactKeyboardEvent) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    resign();
  };

  return (
    <div
      className={inline ? 'fixture-menu fixture-inline' : 'snippet-menu popover fixture-menu'}
      role={inline ? 'region' : 'dialog'}
      aria-label="Export as test fixture"
      data-testid="fixture-menu"
    >
      <div className="snippet-controls">
        <input
          type="text"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
          onKeyDown={onKey}
          placeholder="Your test secret (empty: a default test value)"
          aria-label="Test secret"
          spellCheck={false}
          autoComplete="off"
          data-testid="fixture-secret"
        />
        <button type="button" onClick={resign} data-testid="fixture-sign">
          Sign with it
        </button>
      </div>
      {state.status === 'loading' && <p className="muted fine">Making the fixture…</p>}
      {state.status === 'error' && (
        <p className="error-text" role="alert" data-testid="fixture-error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && <FixtureFiles fixture={state.fixture} />}
    </div>
  );
}

function FixtureFiles({ fixture }: { fixture: FixtureResult }) {
  const [shown, setShown] = useState<string | null>(null);
  const file = fixture.files.find((f) => f.name === shown && f.encoding === 'utf8');
  return (
    <>
      <p className="help" data-testid="fixture-summary">
        {fixture.unsigned
          ? `Not re-signed: ${fixture.unsigned}`
          : fixture.scheme
            ? `Signed (${fixture.scheme}) with the test secret `
            : 'No signature. '}
        {!fixture.unsigned && fixture.secret && (
          <span className="mono" data-testid="fixture-test-secret">
            {fixture.secret}
          </span>
        )}
        {fixture.resignsAtRunTime && ' — the tests sign again on each run.'} Your endpoint's secret is in none of the files.
      </p>
      <ul className="fixture-files" data-testid="fixture-files">
        {fixture.files.map((f) => (
          <li key={f.name} data-testid="fixture-file" data-name={f.name}>
            <span className="mono">{f.name}</span>
            <button type="button" onClick={() => saveFile(bytesOf(f), f.name)} data-testid="fixture-download">
              Download
            </button>
            {f.encoding === 'utf8' && (
              <>
                <CopyButton text={f.content} testId="fixture-copy" />
                <button type="button" aria-pressed={shown === f.name} onClick={() => setShown(shown === f.name ? null : f.name)} data-testid="fixture-show">
                  {shown === f.name ? 'Hide' : 'Show'}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => saveFile(new TextEncoder().encode(JSON.stringify(fixture, null, 2)), `${fixture.name}.json`)} data-testid="fixture-download-all">
        Download all (one JSON file)
      </button>
      {file && (
        <pre className="mono snippet-code" data-testid="fixture-file-text">
          {file.content}
        </pre>
      )}
    </>
  );
}
