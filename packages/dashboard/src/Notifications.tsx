import { useEffect, useRef } from 'preact/hooks';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EmailPreferences } from './EmailPreferences.tsx';
import { InboxHeader } from './InboxHeader.tsx';
import { rememberSite } from './last-site.ts';
import { SESSION_ENDED, type SignedInScreenProps } from './screen-props.ts';
import { useSignOut } from './use-sign-out.ts';
import { useSiteInAddress } from './use-site-in-address.ts';
import { WebhookList } from './WebhookList.tsx';

/** The site's webhooks (owners) and delivery log (every member), and the editor's own e-mail choices. */
export function Notifications({ session, onSignedOut }: SignedInScreenProps) {
  const { siteId, selectSite } = useSiteInAddress(session.sites);
  const site = session.sites.find((candidate) => candidate.id === siteId);
  const { signingOut, signOutError: error, signOut } = useSignOut(session, onSignedOut);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (siteId !== null) rememberSite(siteId);
    document.title = site ? `Notifications · ${site.name} · Errata` : 'Notifications · Errata';
  }, [siteId]);

  useEffect(() => heading.current?.focus(), []);

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
        onSignOut={signOut}
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
