import type { CreatedInvitation, MemberRole, SiteInvitation } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError, createInvitation, errorMessage, listInvitations, revokeInvitation } from './api.ts';
import { CopyField } from './CopyField.tsx';
import { copyOrSelect } from './copy-text.ts';
import { SiteField } from './SiteField.tsx';
import { ROLE_WORDS } from './site-settings-form.ts';

const STATE_WORDS: Record<SiteInvitation['state'], string> = {
  pending: 'Waiting',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Withdrawn',
};

interface SiteInvitationsProps {
  siteId: string;
  csrfToken: string;
  onUnauthorized: () => void;
}

/** Owners invite people by link: the link is shown once with a Copy button; pending links can be withdrawn. */
export function SiteInvitations({ siteId, csrfToken, onUnauthorized }: SiteInvitationsProps) {
  const [invitations, setInvitations] = useState<SiteInvitation[] | null>(null);
  const [role, setRole] = useState<MemberRole>('editor');
  const [email, setEmail] = useState('');
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const [copied, setCopied] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [emailError, setEmailError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const linkInput = useRef<HTMLInputElement>(null);

  const failed = (error: unknown, prefix = '') => {
    if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized();
    setMessage({ kind: 'error', text: `${prefix}${errorMessage(error)}` });
  };

  async function load(signal?: AbortSignal) {
    try {
      setInvitations(await listInvitations(siteId, signal));
    } catch (error) {
      if (!signal?.aborted) failed(error, 'Could not load the invitations: ');
    }
  }

  useEffect(() => {
    setInvitations(null);
    setCreated(null);
    setMessage(null);
    const request = new AbortController();
    void load(request.signal);
    return () => request.abort();
  }, [siteId]);

  useEffect(() => {
    if (created) linkInput.current?.focus();
  }, [created]);

  async function invite(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setEmailError(undefined);
    setCopied(false);
    try {
      const answer = await createInvitation(
        siteId,
        email.trim() ? { role, email: email.trim() } : { role },
        csrfToken,
      );
      setCreated(answer);
      setEmail('');
      await load();
    } catch (error) {
      if (error instanceof ApiRequestError) setEmailError(error.fields.email);
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    if (await copyOrSelect(created.url, linkInput.current)) setCopied(true);
    else setMessage({ kind: 'done', text: 'The link is selected: press Ctrl+C (or ⌘C) to copy it.' });
  }

  async function revoke(invitation: SiteInvitation) {
    setMessage(null);
    try {
      await revokeInvitation(siteId, invitation.id, csrfToken);
      if (created?.id === invitation.id) setCreated(null);
      setMessage({ kind: 'done', text: 'The invitation was withdrawn; its link no longer works.' });
      await load();
    } catch (error) {
      failed(error);
    }
  }

  return (
    <section class="site-section" aria-labelledby="invitations-title">
      <h3 id="invitations-title">Invitations</h3>
      <form class="invite-form" onSubmit={invite} aria-busy={busy} noValidate>
        <div class="field">
          <label for="invite-role">Role</label>
          <select
            id="invite-role"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as MemberRole)}
          >
            {(['editor', 'viewer', 'owner'] as const).map((r) => (
              <option key={r} value={r}>
                {ROLE_WORDS[r]}
              </option>
            ))}
          </select>
        </div>
        <SiteField
          name="inviteEmail"
          label="E-mail (optional)"
          type="email"
          value={email}
          onInput={setEmail}
          hint="To remember whom the link is for. Anyone with the link can join: send it privately."
          error={emailError}
        />
        <button type="submit" class="primary" disabled={busy}>
          Create invitation link
        </button>
      </form>
      {created && (
        <CopyField
          id="invite-link"
          label="Invitation link (shown only now; works for 7 days, once)"
          value={created.url}
          inputRef={linkInput}
          copied={copied}
          onCopy={() => void copy()}
        />
      )}
      <p
        class={message?.kind === 'error' ? 'site-status site-status-error' : 'site-status'}
        role="status"
        aria-live="polite"
      >
        {copied ? 'The link is copied.' : message?.text}
      </p>
      {invitations === null ? (
        <p class="loading">Loading invitations…</p>
      ) : invitations.length === 0 ? (
        <p class="field-hint">No invitations yet.</p>
      ) : (
        <ul class="invitation-list">
          {invitations.map((invitation) => (
            <li key={invitation.id} class="invitation">
              <span class="invitation-who">{invitation.email ?? 'Anyone with the link'}</span>
              <span class="badge">{invitation.role}</span>
              <span class="invitation-state">
                {STATE_WORDS[invitation.state]}
                {invitation.state === 'pending' &&
                  `, until ${new Date(invitation.expiresAt).toLocaleDateString()}`}
              </span>
              {invitation.state === 'pending' && (
                <button
                  type="button"
                  onClick={() => void revoke(invitation)}
                  aria-label={`Withdraw the invitation for ${invitation.email ?? 'anyone with the link'}`}
                >
                  Withdraw
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
