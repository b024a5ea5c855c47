import type { SessionInfo } from '@errata/core';
import { BASE_PATH } from './base-path.ts';
import { navigate } from './navigate.ts';

/** The signed-in screens the header links to, by their path under the base. */
const SCREENS = [
  { path: '', label: 'Inbox' },
  { path: 'settings', label: 'Settings' },
  { path: 'notifications', label: 'Notifications' },
] as const;

export type HeaderScreen = (typeof SCREENS)[number]['path'];

export interface InboxHeaderProps {
  session: SessionInfo;
  /** The site shown, or null when the editor has none. */
  siteId: string | null;
  onSelectSite: (siteId: string) => void;
  onSignOut: () => void;
  signingOut: boolean;
  /** The screen shown, marked in the navigation; the inbox when absent. */
  current?: HeaderScreen;
}

/**
 * The bar on top: product name, the screens (the site goes along in ?site=), the site shown
 * (a picker when there are several), the editor, sign-out.
 */
export function InboxHeader({
  session,
  siteId,
  onSelectSite,
  onSignOut,
  signingOut,
  current = '',
}: InboxHeaderProps) {
  const site = session.sites.find((candidate) => candidate.id === siteId);
  const query = siteId ? `?site=${encodeURIComponent(siteId)}` : '';
  return (
    <header class="topbar">
      <h1 class="brand">Errata</h1>
      <nav class="screens" aria-label="Screens">
        {SCREENS.map((screen) => (
          <a
            key={screen.path}
            href={`${BASE_PATH}${screen.path}${query}`}
            aria-current={screen.path === current ? 'page' : undefined}
            onClick={(event) => {
              if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey)
                return;
              event.preventDefault();
              navigate(`${screen.path}${query}`);
            }}
          >
            {screen.label}
          </a>
        ))}
      </nav>
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
