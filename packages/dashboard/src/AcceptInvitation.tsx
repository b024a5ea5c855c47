import type { SessionInfo } from '@errata/core';

interface AcceptInvitationProps {
  token: string | null;
  /** The current session when someone is signed in already. */
  session: SessionInfo | null;
  onSignedIn: (session: SessionInfo) => void;
}

/** Joins a site through an invitation link: signed in, or making an account with a password. */
export function AcceptInvitation(_props: AcceptInvitationProps) {
  return (
    <main class="auth">
      <div class="auth-card">
        <h1>Errata</h1>
      </div>
    </main>
  );
}
