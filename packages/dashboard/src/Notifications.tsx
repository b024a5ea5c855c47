import { useEffect } from 'preact/hooks';
import { DeliveryLog } from './DeliveryLog.tsx';
import { EmailPreferences } from './EmailPreferences.tsx';
import { rememberSite } from './last-site.ts';
import { ScreenShell } from './ScreenShell.tsx';
import { SESSION_ENDED, type SignedInScreenProps } from './screen-props.ts';
import { useSignOut } from './use-sign-out.ts';
import { useSiteInAddress } from './use-site-in-address.ts';
import { WebhookList } from './WebhookList.tsx';

/** The site's webhooks (owners) and delivery log (every member), and the editor's own e-mail choices. */
export function Notifications({ session, onSignedOut }: SignedInScreenProps) {
  const { siteId, selectSite } = useSiteInAddress(session.sites);
  const site = session.sites.find((candidate) => candidate.id === siteId);
  const { signingOut, signOutError: error, signOut } = useSignOut(session, onSignedOut);

  useEffect(() => {
    if (siteId !== null) rememberSite(siteId);
    document.title = site ? `Notifications · ${site.name} · Errata` : 'Notifications · Errata';
  }, [siteId]);

  const unauthorized = () => onSignedOut(SESSION_ENDED);
  const isOwner = site?.role === 'owner';

  return (
    <ScreenShell
      screen="notifications"
      skipLabel="Skip to the notifications"
      title={site ? `Notifications of ${site.name}` : 'Notifications'}
      session={session}
      siteId={siteId}
      onSelectSite={selectSite}
      onSignOut={signOut}
      signingOut={signingOut}
      current="notifications"
    >
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
    </ScreenShell>
  );
}
