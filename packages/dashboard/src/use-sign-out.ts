import type { SessionInfo } from '@errata/core';
import { useState } from 'preact/hooks';
import { errorMessage, isUnauthorized, signOut } from './api.ts';

/** Signing out from a screen's header: in progress, why it failed, and the action itself. */
export function useSignOut(session: SessionInfo, onSignedOut: () => void) {
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);

  async function leave() {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut(session.csrfToken);
      onSignedOut();
    } catch (error) {
      if (isUnauthorized(error)) return onSignedOut();
      setSigningOut(false);
      setSignOutError(`Could not sign out: ${errorMessage(error)}`);
    }
  }

  return { signingOut, signOutError, signOut: () => void leave() };
}
