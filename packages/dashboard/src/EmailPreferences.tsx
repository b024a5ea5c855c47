import type { SessionInfo } from '@errata/core';

interface EmailPreferencesProps {
  session: SessionInfo;
  siteId: string;
  onUnauthorized: () => void;
}

/** The signed-in editor's own e-mail choices for one site: off, instant (from the N-th report) or a daily digest. */
export function EmailPreferences(_props: EmailPreferencesProps) {
  return <section aria-labelledby="email-heading" />;
}
