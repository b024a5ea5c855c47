import type { ErratumStatus } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
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
import { SESSION_ENDED, type SignedInScreenProps } from './screen-props.ts';
import { tabOf } from './status-tabs.ts';
import { titleWithCount } from './unseen-errata.ts';
import { useLiveFeed } from './use-live-feed.ts';
import { useSignOut } from './use-sign-out.ts';
import { useSiteDirectory } from './use-site-directory.ts';
import { useUnseenErrata } from './use-unseen-errata.ts';

/** The signed-in screen: header, status tabs and the current site's list; the place lives in the address. */
export function Inbox({ session, onSignedOut }: SignedInScreenProps) {
  const [place, setPlace] = useState<InboxLocation>(() => readInboxLocation(location.search));
  const { signingOut, signOutError, signOut } = useSignOut(session, onSignedOut);
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

  return (
    <div class="inbox" data-live={live.state}>
      <a class="skip-link" href="#main">
        Skip to the list
      </a>
      <InboxHeader
        session={session}
        siteId={siteId}
        onSelectSite={(id) => go({ ...readInboxLocation(''), site: id, status: place.status })}
        onSignOut={signOut}
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
