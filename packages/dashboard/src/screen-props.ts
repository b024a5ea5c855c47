import type { SessionInfo } from '@errata/core';

/** What every signed-in screen is given by App. */
export interface SignedInScreenProps {
  session: SessionInfo;
  /** Back to sign-in, with a sentence saying why when it was not the editor's choice. */
  onSignedOut: (notice?: string) => void;
}

/** What a signed-in screen says when the server no longer knows the session. */
export const SESSION_ENDED = 'Your session has ended. Please sign in again.';
