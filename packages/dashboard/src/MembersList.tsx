import type { MemberRole, SessionInfo, SiteMember } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError, changeMemberRole, errorMessage, listSiteMembers, removeMember } from './api.ts';

const ROLES: MemberRole[] = ['owner', 'editor', 'viewer'];
const ROLE_LABELS: Record<MemberRole, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };

interface MembersListProps {
  siteId: string;
  session: SessionInfo;
  /** Whether the caller may change roles and remove members. */
  isOwner: boolean;
  /** The caller's own role or membership changed: the session must be fetched again. */
  onOwnMembershipChanged: (left: boolean) => void;
  onUnauthorized: () => void;
}

/** A site's members: owners change roles and remove members; anyone may leave. */
export function MembersList({
  siteId,
  session,
  isOwner,
  onOwnMembershipChanged,
  onUnauthorized,
}: MembersListProps) {
  const [members, setMembers] = useState<SiteMember[] | null>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function load(signal?: AbortSignal) {
    try {
      setMembers(await listSiteMembers(siteId, signal));
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized();
      setMessage({ kind: 'error', text: `Could not load the members: ${errorMessage(error)}` });
    }
  }

  useEffect(() => {
    setMembers(null);
    setMessage(null);
    const request = new AbortController();
    void load(request.signal);
    return () => request.abort();
  }, [siteId]);

  async function act(member: SiteMember, action: () => Promise<unknown>, done: string) {
    setBusy(member.userId);
    setMessage(null);
    try {
      await action();
      setMessage({ kind: 'done', text: done });
      await load();
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized();
      setMessage({ kind: 'error', text: errorMessage(error) });
      await load();
    } finally {
      setBusy(null);
    }
  }

  function changeRole(member: SiteMember, role: MemberRole) {
    if (role === member.role) return;
    void act(
      member,
      async () => {
        await changeMemberRole(siteId, member.userId, role, session.csrfToken);
        if (member.userId === session.user.id) onOwnMembershipChanged(false);
      },
      `${member.email} is now ${role === 'editor' ? 'an' : 'a'} ${role}.`,
    );
  }

  function remove(member: SiteMember) {
    const self = member.userId === session.user.id;
    const question = self
      ? 'Leave this site? You will no longer see its errata.'
      : `Remove ${member.email} from this site?`;
    if (!confirm(question)) return;
    void act(
      member,
      async () => {
        await removeMember(siteId, member.userId, session.csrfToken);
        if (self) onOwnMembershipChanged(true);
      },
      self ? 'You left the site.' : `${member.email} was removed.`,
    );
  }

  return (
    <section class="site-section" aria-labelledby="members-title">
      <h3 id="members-title">Members</h3>
      <p
        class={message?.kind === 'error' ? 'site-status site-status-error' : 'site-status'}
        role="status"
        aria-live="polite"
      >
        {message?.text}
      </p>
      {members === null ? (
        <p class="loading">Loading members…</p>
      ) : (
        <ul class="member-list">
          {members.map((member) => {
            const self = member.userId === session.user.id;
            return (
              <li key={member.userId} class="member">
                <span class="member-email">
                  {member.email}
                  {self && ' (you)'}
                </span>
                {isOwner ? (
                  <label class="member-role">
                    <span class="visually-hidden">Role of {member.email}</span>
                    <select
                      value={member.role}
                      disabled={busy !== null}
                      onChange={(event) => changeRole(member, event.currentTarget.value as MemberRole)}
                    >
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {ROLE_LABELS[role]}
                        </option>
                      ))}
                    </select>
                  </label>
                ) : (
                  <span class="badge">{ROLE_LABELS[member.role]}</span>
                )}
                {(isOwner || self) && (
                  <button
                    type="button"
                    disabled={busy !== null}
                    onClick={() => remove(member)}
                    aria-label={self ? 'Leave this site' : `Remove ${member.email}`}
                  >
                    {self ? 'Leave' : 'Remove'}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
