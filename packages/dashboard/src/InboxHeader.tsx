import type { SessionInfo } from '@errata/core';

interface InboxHeaderProps {
  session: SessionInfo;
  /** The site shown, or null when the editor has none. */
  siteId: string | null;
  onSelectSite: (siteId: string) => void;
  onSignOut: () => void;
  signingOut: boolean;
}

/** The bar on top: product name, the site shown (a picker when there are several), the editor, sign-out. */
export function InboxHeader({ session, siteId, onSelectSite, onSignOut, signingOut }: InboxHeaderProps) {
  const site = session.sites.find((candidate) => candidate.id === siteId);
  return (
    <header class="topbar">
      <h1 class="brand">Errata</h1>
      <div class="site">
        {session.sites.length > 1 ? (
          <label class="site-picker">
            <span>Site</span>
            <select value={siteId ?? ''} onChange={(event) => onSelectSite(event.currentTarget.value)}>
              {session.sites.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          site && <span class="site-name">{site.name}</span>
        )}
        {site?.role === 'viewer' && <span class="badge">View only</span>}
      </div>
      <div class="account">
        <span class="account-email">{session.user.email}</span>
        <button type="button" onClick={onSignOut} disabled={signingOut}>
          Sign out
        </button>
      </div>
    </header>
  );
}
