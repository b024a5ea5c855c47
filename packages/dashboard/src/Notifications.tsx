import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, isUnauthorized, signOut } from './api.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EmailPreferences } from './EmailPreferences.tsx';
import { InboxHeader } from './InboxHeader.tsx';
import { chooseSite } from './inbox-location.ts';
import { readLastSite, rememberSite } from './last-site.ts';
import type { SignedInScreenProps } from './screen-props.ts';
import { WebhookList } from './WebhookList.tsx';

const SESSION_ENDED = 'Your session has ended. Please sign in again.';

function siteInAddress(): string | null {
  return new URLSearchParams(location.search).get('site');
}

/** The site's webhooks (owners) and delivery log (every member), and the editor's own e-mail choices. */
export function Notifications({ session, onSignedOut }: SignedInScreenProps) {
  const [wanted, setWanted] = useState<string | null>(siteInAddress);
  const siteId = chooseSite(session.sites, [wanted, readLastSite()]);
  const site = session.sites.find((candidate) => candidate.id === siteId);
  const [signingOut, setSigningOut] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const follow = () => setWanted(siteInAddress());
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);

  useEffect(() => {
    if (siteId !== null) rememberSite(siteId);
    document.title = site ? `Notifications · ${site.name} · Errata` : 'Notifications · Errata';
  }, [siteId]);

  useEffect(() => heading.current?.focus(), []);

  function selectSite(id: string) {
    history.replaceState(null, '', `?site=${encodeURIComponent(id)}`);
    setWanted(id);
  }

  async function leave() {
    setSigningOut(true);
    try {
      await signOut(session.csrfToken);
      onSignedOut();
    } catch (failure) {
      if (isUnauthorized(failure)) return onSignedOut();
      setSigningOut(false);
      setError(`Could not sign out: ${errorMessage(failure)}`);
    }
  }

  const unauthorized = () => onSignedOut(SESSION_ENDED);
  const isOwner = site?.role === 'owner';

  return (
    <div class="inbox notifications">
      <a class="skip-link" href="#main">
        Skip to the notifications
      </a>
      <InboxHeader
        session={session}
        siteId={siteId}
        onSelectSite={selectSite}
        onSignOut={() => void leave()}
        signingOut={signingOut}
        current="notifications"
      />
      <main class="inbox-main" id="main">
        <h2 ref={heading} tabIndex={-1}>
          {site ? `Notifications of ${site.name}` : 'Notifications'}
        </h2>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {siteId === null ? (
          <p class="notice">You are not a member of any site. Ask an owner for an invitation.</p>
        ) : (
          <>
            {isOwner && (
              <WebhookList
                key={`webhooks-${siteId}`}
                siteId={siteId}
                csrfToken={session.csrfToken}
                onUnauthorized={unauthorized}
              />
            )}
            <DeliveryLog
              siteId={siteId}
              csrfToken={session.csrfToken}
              mayRetry={isOwner}
              onUnauthorized={unauthorized}
            />
            <EmailPreferences session={session} siteId={siteId} onUnauthorized={unauthorized} />
          </>
        )}
      </main>
    </div>
  );
}
