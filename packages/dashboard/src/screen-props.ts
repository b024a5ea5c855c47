import type { SessionInfo } from '@errata/core';

/** What every signed-in screen is given by App. */
export interface SignedInScreenProps {
  session: SessionInfo;
  /** Back to sign-in, with a sentence saying why when it was not the editor's choice. */
  onSignedOut: (notice?: string) => void;
}
