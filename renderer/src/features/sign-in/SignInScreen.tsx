import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { signInWithToken } from '../../api/session.js';
import './sign-in.css';

export type SignInReason = 'no-session' | 'session-ended';

/**
 * Shown in a browser without a session: the printed link was used, expired, or `serve` restarted.
 * The API token is pasted here and posted in a request body (api/session.ts), never put in a URL.
 * Server messages are shown as text only.
 */
export function SignInScreen({ reason, onSignedIn }: { reason: SignInReason; onSignedIn: () => void }) {
  const [token, setToken] = useState('');
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const pasted = token.trim();
    if (!pasted) return;
    setState({ busy: true, error: null });
    signInWithToken(pasted).then(
      (accepted) => {
        if (accepted) return onSignedIn();
        setState({ busy: false, error: 'That is not the API token of this Hookscope.' });
      },
      (failure: unknown) => setState({ busy: false, error: errorMessage(failure) }),
    );
  };

  return (
    <main className="token-notice" data-testid="sign-in">
      <h1>Hookscope</h1>
      <p>
        {reason === 'session-ended'
          ? 'The session ended (Hookscope was restarted or signed this browser out).'
          : 'This browser is not signed in to Hookscope.'}{' '}
        The <strong>Inspector</strong> link <code>hookscope serve</code> prints signs in once, within 2 minutes of
        starting. Or paste the API token: it is in the file <code>api-token</code> in the data folder (
        <code>serve</code> prints its path), or the <code>--token</code> you started it with.
      </p>
      <form className="sign-in-form" onSubmit={submit}>
        <label htmlFor="sign-in-token">API token</label>
        <input
          id="sign-in-token"
          data-testid="sign-in-token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          autoFocus
        />
        <button type="submit" data-testid="sign-in-submit" disabled={state.busy || token.trim() === ''}>
          {state.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {state.error && (
        <p className="error-text" role="alert" data-testid="sign-in-error">
          {state.error}
        </p>
      )}
    </main>
  );
}
