import type { SessionInfo } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { AcceptInvitation } from './AcceptInvitation.tsx';
import { errorMessage, getSession, isUnauthorized } from './api.ts';
import { BASE_PATH } from './base-path.ts';
import { Inbox } from './Inbox.tsx';
import { Notifications } from './Notifications.tsx';
import { type Route, routeOf } from './route.ts';
import { Setup } from './Setup.tsx';
import { SignIn } from './SignIn.tsx';
import { SiteSettings } from './SiteSettings.tsx';

type AppState =
  | { phase: 'loading' }
  | { phase: 'setup'; token: string | null }
  | { phase: 'invite'; token: string | null }
  | { phase: 'signed-out'; notice: string | null }
  | { phase: 'unreachable'; message: string }
  | { phase: 'signed-in'; session: SessionInfo };

function currentRoute(): Route {
  return routeOf(location.pathname, location.search, BASE_PATH);
}

function initialState(): AppState {
  const route = currentRoute();
  if (route.screen === 'setup') return { phase: 'setup', token: route.token };
  if (route.screen === 'invite') return { phase: 'invite', token: route.token };
  return { phase: 'loading' };
}

/** Picks the screen: set-up link, invitation, sign-in, or a screen of the signed-in editor. */
export function App() {
  const [state, setState] = useState<AppState>(initialState);
  const [route, setRoute] = useState<Route>(currentRoute);

  useEffect(() => {
    const follow = () => setRoute(currentRoute());
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);

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
    if (state.phase === 'setup' || state.phase === 'invite') {
      history.replaceState(null, '', BASE_PATH);
      setRoute(currentRoute());
    }
    setState({ phase: 'signed-in', session });
  }

  const signedOut = (notice?: string) => setState({ phase: 'signed-out', notice: notice ?? null });

  switch (state.phase) {
    case 'loading':
      return (
        <p class="app-loading" role="status">
          Loading…
        </p>
      );
    case 'setup':
      return <Setup token={state.token} onSignedIn={signedIn} />;
    case 'invite':
      return <AcceptInvitation token={state.token} session={null} onSignedIn={signedIn} />;
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
      if (route.screen === 'settings')
        return (
          <SiteSettings
            session={state.session}
            onSignedOut={signedOut}
            onSessionChanged={(session) => setState({ phase: 'signed-in', session })}
          />
        );
      if (route.screen === 'notifications') {
        return <Notifications session={state.session} onSignedOut={signedOut} />;
      }
      return <Inbox session={state.session} onSignedOut={signedOut} />;
  }
}
