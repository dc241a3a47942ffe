import { useEffect, useState, type ReactNode } from 'react';
import { errorMessage, httpClient, type HookscopeClient } from '../../api/client.js';
import { hasSession } from '../../api/session.js';
import { ClientContext } from '../../state/client-context.js';
import { SignInScreen, type SignInReason } from './SignInScreen.js';
import './sign-in.css';

type GateState =
  | { kind: 'checking' }
  | { kind: 'signed-out'; reason: SignInReason }
  | { kind: 'unreachable'; message: string }
  | { kind: 'ready'; client: HookscopeClient };

/**
 * The browser inspector, once this browser has a session with `hookscope serve`. A fresh client
 * per session: a client whose event stream was refused has stopped for good.
 */
export function SessionGate({ children }: { children: (onSessionLost: () => void) => ReactNode }) {
  const [state, setState] = useState<GateState>({ kind: 'checking' });

  useEffect(() => {
    let current = true;
    hasSession().then(
      (signedIn) => current && setState(signedIn ? { kind: 'ready', client: httpClient() } : { kind: 'signed-out', reason: 'no-session' }),
      (failure: unknown) => current && setState({ kind: 'unreachable', message: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, []);

  if (state.kind === 'checking') return null;
  if (state.kind === 'unreachable') {
    return (
      <main className="token-notice" data-testid="unreachable">
        <h1>Hookscope</h1>
        <p>{state.message}</p>
      </main>
    );
  }
  if (state.kind === 'signed-out') {
    return <SignInScreen reason={state.reason} onSignedIn={() => setState({ kind: 'ready', client: httpClient() })} />;
  }
  return (
    <ClientContext.Provider value={state.client}>
      {children(() => setState({ kind: 'signed-out', reason: 'session-ended' }))}
    </ClientContext.Provider>
  );
}
