import type { SessionInfo, SiteSettings as Settings } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { errorMessage, getSession, getSiteSettings, isUnauthorized } from './api.ts';
import { rememberSite } from './last-site.ts';
import { MembersList } from './MembersList.tsx';
import { PrivacyLink } from './PrivacyLink.tsx';
import { ReaderData } from './ReaderData.tsx';
import { ScreenShell } from './ScreenShell.tsx';
import { SiteCreate } from './SiteCreate.tsx';
import { SiteInvitations } from './SiteInvitations.tsx';
import { SiteSettingsForm } from './SiteSettingsForm.tsx';
import { SiteWords } from './SiteWords.tsx';
import { SESSION_ENDED, type SignedInScreenProps } from './screen-props.ts';
import { useSignOut } from './use-sign-out.ts';
import { useSiteInAddress } from './use-site-in-address.ts';

interface SiteSettingsProps extends SignedInScreenProps {
  /** The session changed here (a site created, a role changed, a site left): the app takes the new one. */
  onSessionChanged?: (session: SessionInfo) => void;
}

/** The site's settings, words, members and invitations (owners change them; others read). */
export function SiteSettings({ session: initialSession, onSignedOut, onSessionChanged }: SiteSettingsProps) {
  const [session, setSession] = useState(initialSession);
  const { siteId, selectSite, clearSite } = useSiteInAddress(session.sites);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { signingOut, signOutError, signOut } = useSignOut(session, onSignedOut);

  useEffect(() => setSession(initialSession), [initialSession]);

  useEffect(() => {
    setSettings(null);
    setLoadError(null);
    if (siteId === null) return;
    rememberSite(siteId);
    const request = new AbortController();
    getSiteSettings(siteId, request.signal).then(
      (answer) => {
        setSettings(answer);
        document.title = `Settings · ${answer.name} · Errata`;
      },
      (error) => {
        if (request.signal.aborted) return;
        if (isUnauthorized(error)) return onSignedOut(SESSION_ENDED);
        setLoadError(errorMessage(error));
      },
    );
    return () => request.abort();
  }, [siteId]);

  /** Reads the session again after a change to the caller's own sites or roles. */
  async function refreshSession(nextSite?: string) {
    try {
      const fresh = await getSession();
      setSession(fresh);
      onSessionChanged?.(fresh);
      if (nextSite) selectSite(nextSite);
      else if (!fresh.sites.some((site) => site.id === siteId)) clearSite();
      else if (siteId) setSettings(await getSiteSettings(siteId));
    } catch (error) {
      if (isUnauthorized(error)) onSignedOut(SESSION_ENDED);
    }
  }

  const unauthorized = () => onSignedOut(SESSION_ENDED);
  const isOwner = settings?.role === 'owner';
  const ownsAny = session.sites.some((site) => site.role === 'owner');

  return (
    <ScreenShell
      screen="site-settings"
      skipLabel="Skip to the settings"
      title={settings ? `Settings of ${settings.name}` : 'Site settings'}
      session={session}
      siteId={siteId}
      onSelectSite={selectSite}
      onSignOut={signOut}
      signingOut={signingOut}
      current="settings"
    >
      {siteId === null && (
        <p class="notice">You are not a member of any site. Ask an owner for an invitation.</p>
      )}
      {signOutError && (
        <p class="form-error" role="alert">
          {signOutError}
        </p>
      )}
      {loadError && (
        <p class="form-error" role="alert">
          {loadError}
        </p>
      )}
      {siteId !== null && settings === null && !loadError && (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
      {settings && siteId !== null && (
        <>
          <p class="site-key">
            Public key (the embed's <code>data-site</code>): <code>{settings.publicKey}</code>
          </p>
          <SiteSettingsForm
            settings={settings}
            csrfToken={session.csrfToken}
            onSaved={(saved) => {
              setSettings(saved);
              if (saved.name !== session.sites.find((s) => s.id === saved.id)?.name) void refreshSession();
            }}
            onUnauthorized={unauthorized}
          />
          <SiteWords
            siteId={siteId}
            csrfToken={session.csrfToken}
            canEdit={settings.role !== 'viewer'}
            onUnauthorized={unauthorized}
          />
          <MembersList
            siteId={siteId}
            session={session}
            isOwner={isOwner}
            onOwnMembershipChanged={() => void refreshSession()}
            onUnauthorized={unauthorized}
          />
          {isOwner && (
            <SiteInvitations siteId={siteId} csrfToken={session.csrfToken} onUnauthorized={unauthorized} />
          )}
          <PrivacyLink publicKey={settings.publicKey} />
          {isOwner && (
            <ReaderData siteId={siteId} csrfToken={session.csrfToken} onUnauthorized={unauthorized} />
          )}
        </>
      )}
      {ownsAny && (
        <SiteCreate
          csrfToken={session.csrfToken}
          onCreated={(site) => void refreshSession(site.id)}
          onUnauthorized={unauthorized}
        />
      )}
    </ScreenShell>
  );
}
