import type { SessionInfo } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, getSession, isUnauthorized } from './api.ts';
import { BASE_PATH } from './base-path.ts';
import { Inbox } from './Inbox.tsx';
import { routeOf } from './route.ts';
import { Setup } from './Setup.tsx';
import { SignIn } from './SignIn.tsx';

type AppState =
  | { phase: 'loading' }
  | { phase: 'setup'; token: string | null }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'unreachable'; message: string }
  | { phase: 'signed-in'; session: SessionInfo };

function initialState(): AppState {
  const route = routeOf(location.pathname, location.search, BASE_PATH);
  return route.screen === 'setup' ? { phase: 'setup', token: route.token } : { phase: 'loading' };
}

/** Picks the screen: set-up link, sign-in, or the inbox of the signed-in editor. */
export function App() {
  const [state, setState] = useState<AppState>(initialState);

  async function loadSession() {
    setState({ phase: 'loading' });
    try {
      setState({ phase: 'signed-in', session: await getSession() });
    } catch (error) {
      setState(
        isUnauthorized(error)
          ? { phase: 'signed-out', notice: null }
          : { phase: 'unreachable', message: errorMessage(error) },
      );
    }
  }

  useEffect(() => {
    if (state.phase === 'loading') void loadSession();
  }, []);

  function signedIn(session: SessionInfo) {
    // Leave the set-up address: its token is spent, and a reload should open the inbox.
    if (state.phase === 'setup') history.replaceState(null, '', BASE_PATH);
    setState({ phase: 'signed-in', session });
  }

  switch (state.phase) {
    case 'loading':
      return (
        <p class="app-loading" role="status">
          Loading…
        </p>
      );
    case 'setup':
      return <Setup token={state.token} onSignedIn={signedIn} />;
    case 'signed-out':
      return <SignIn notice={state.notice} onSignedIn={signedIn} />;
    case 'unreachable':
      return (
        <main class="auth">
          <div class="auth-card">
            <h1>Errata</h1>
            <p class="form-error" role="alert">
              {state.message}
            </p>
            <button type="button" class="primary" onClick={() => void loadSession()}>
              Try again
            </button>
          </div>
        </main>
      );
    case 'signed-in':
      return (
        <Inbox
          session={state.session}
          onSignedOut={(notice) => setState({ phase: 'signed-out', notice: notice ?? null })}
        />
      );
  }
}
