import type { ErratumStatus, SessionInfo } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, isUnauthorized, signOut } from './api.ts';
import { BASE_PATH } from './base-path.ts';
import { ErrataTab } from './ErrataTab.tsx';
import { InboxHeader } from './InboxHeader.tsx';
import {
  chooseSite,
  filterOf,
  type InboxLocation,
  inboxSearch,
  readInboxLocation,
} from './inbox-location.ts';
import { readLastSite, rememberSite } from './last-site.ts';
import { StatusTabs } from './StatusTabs.tsx';
import { tabOf } from './status-tabs.ts';
import { titleWithCount } from './unseen-errata.ts';
import { useLiveFeed } from './use-live-feed.ts';
import { useSiteDirectory } from './use-site-directory.ts';
import { useUnseenErrata } from './use-unseen-errata.ts';

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

interface InboxProps {
  session: SessionInfo;
  /** Back to sign-in, with a sentence saying why when it was not the editor's choice. */
  onSignedOut: (notice?: string) => void;
}

/** The signed-in screen: header, status tabs and the current site's list; the place lives in the address. */
export function Inbox({ session, onSignedOut }: InboxProps) {
  const [place, setPlace] = useState<InboxLocation>(() => readInboxLocation(location.search));
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const siteId = chooseSite(session.sites, [place.site, readLastSite()]);
  const site = session.sites.find((candidate) => candidate.id === siteId) ?? null;
  const live = useLiveFeed(site?.id ?? null);
  const unseen = useUnseenErrata(live.feed, site?.id ?? null);
  const directory = useSiteDirectory(site?.id ?? null);

  useEffect(() => {
    const followHistory = () => setPlace(readInboxLocation(location.search));
    addEventListener('popstate', followHistory);
    return () => removeEventListener('popstate', followHistory);
  }, []);

  useEffect(() => {
    if (site) rememberSite(site.id);
    const title = site ? `${tabOf(place.status).label} · ${site.name} · Errata` : 'Errata';
    document.title = titleWithCount(title, unseen);
  }, [site, place.status, unseen]);

  function hrefOf(next: InboxLocation): string {
    return `${BASE_PATH}${inboxSearch(next)}`;
  }

  /** Shows another place and writes it in the address: a new history entry, or the same one `replace`d. */
  function go(next: InboxLocation, replace = false) {
    if (replace) history.replaceState(null, '', hrefOf(next));
    else history.pushState(null, '', hrefOf(next));
    setPlace(next);
  }

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

  return (
    <div class="inbox" data-live={live.state}>
      <a class="skip-link" href="#main">
        Skip to the list
      </a>
      <InboxHeader
        session={session}
        siteId={siteId}
        onSelectSite={(id) => go({ ...readInboxLocation(''), site: id, status: place.status })}
        onSignOut={() => void leave()}
        signingOut={signingOut}
      />
      {live.state === 'broken' && <p class="live-state">Live updates paused: reconnecting…</p>}
      {signOutError && (
        <p class="notice notice-error" role="alert">
          {signOutError}
        </p>
      )}
      {site ? (
        <>
          <StatusTabs
            current={place.status}
            hrefOf={(status: ErratumStatus) => hrefOf({ ...place, site: site.id, status, open: null })}
            onSelect={(status) => go({ ...place, site: site.id, status, open: null })}
          />
          <ErrataTab
            site={site}
            status={place.status}
            filter={filterOf(place)}
            onFilter={(filter, typing) => go({ ...place, ...filter, site: site.id }, typing)}
            openId={place.open}
            onOpen={(id, replace) => go({ ...place, site: site.id, open: id }, replace)}
            csrfToken={session.csrfToken}
            user={session.user}
            canTriage={site.role !== 'viewer'}
            onUnauthorized={() => onSignedOut(SESSION_ENDED)}
            live={{ feed: live.feed, userId: session.user.id }}
            members={directory.members}
            desks={directory.desks}
          />
        </>
      ) : (
        <main class="inbox-main" id="main">
          <div class="empty">
            <p class="empty-title">Your account is not a member of any site yet.</p>
            <p>Ask the owner of a site to add you, then sign in again.</p>
          </div>
        </main>
      )}
    </div>
  );
}
