import type { InvitationPreview, SessionInfo } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AccountFields, type FieldErrors } from './AccountFields.tsx';
import { ApiRequestError, acceptInvitation, errorMessage, getSession, previewInvitation } from './api.ts';
import { BASE_PATH } from './base-path.ts';
import { rememberSite } from './last-site.ts';
import { ROLE_DUTIES } from './site-settings-form.ts';

interface AcceptInvitationProps {
  token: string | null;
  /** The current session when someone is signed in already. */
  session: SessionInfo | null;
  onSignedIn: (session: SessionInfo) => void;
}

type Mode = 'new' | 'existing';

/** Joins a site through an invitation link: signed in, or making an account with a password. */
export function AcceptInvitation({ token, session: givenSession, onSignedIn }: AcceptInvitationProps) {
  const [preview, setPreview] = useState<InvitationPreview | null>(null);
  const [dead, setDead] = useState<string | null>(
    token === null ? 'This invitation link has no token. Open the whole link you were sent.' : null,
  );
  const [session, setSession] = useState<SessionInfo | null>(givenSession);
  const [useForm, setUseForm] = useState(false);
  const [mode, setMode] = useState<Mode>('new');
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Invitation · Errata';
    if (token === null) return;
    previewInvitation(token).then(setPreview, (failure) => setDead(errorMessage(failure)));
    if (givenSession === null) getSession().then(setSession, () => setSession(null));
  }, [token]);

  useEffect(() => {
    if (preview || dead) heading.current?.focus();
  }, [preview, dead]);

  useEffect(() => {
    if (useForm) emailInput.current?.focus();
  }, [useForm]);

  function joined(answer: SessionInfo) {
    if (preview) rememberSite(preview.site);
    onSignedIn(answer);
  }

  function failed(failure: unknown) {
    setError(errorMessage(failure));
    if (failure instanceof ApiRequestError) setFields(failure.fields);
    setBusy(false);
  }

  async function joinSignedIn() {
    if (busy || token === null || session === null) return;
    setBusy(true);
    setError(null);
    try {
      joined(await acceptInvitation(token, { csrfToken: session.csrfToken }));
    } catch (failure) {
      failed(failure);
    }
  }

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy || token === null) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (mode === 'new' && password !== form.get('confirm')) {
      setError(null);
      setFields({ confirm: 'The two passwords differ. Type the same password twice.' });
      confirmInput.current?.select();
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      joined(await acceptInvitation(token, { email, password }));
    } catch (failure) {
      failed(failure);
    }
  }

  if (dead !== null) {
    return (
      <main class="auth">
        <div class="auth-card">
          <h1 ref={heading} tabIndex={-1}>
            Invitation
          </h1>
          <p class="form-error" role="alert">
            {dead}
          </p>
          <a href={BASE_PATH}>Go to sign-in</a>
        </div>
      </main>
    );
  }

  if (preview === null) {
    return (
      <main class="auth">
        <p class="app-loading" role="status">
          Checking the invitation…
        </p>
      </main>
    );
  }

  const showForm = session === null || useForm;
  return (
    <main class="auth">
      <div class="auth-card invitation-card">
        <h1 ref={heading} tabIndex={-1}>
          Join {preview.siteName}
        </h1>
        <p>
          You are invited as <strong>{preview.role}</strong>. {ROLE_DUTIES[preview.role]}
        </p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        {session !== null && !useForm && (
          <>
            <p>
              You are signed in as <strong>{session.user.email}</strong>.
            </p>
            <button type="button" class="primary" onClick={() => void joinSignedIn()} disabled={busy}>
              Join as {session.user.email}
            </button>
            <p class="auth-aside">
              Not you?{' '}
              <button type="button" class="link-button" onClick={() => setUseForm(true)}>
                Use another account
              </button>
            </p>
          </>
        )}
        {showForm && (
          <form onSubmit={submit} aria-busy={busy} aria-label="Join with an account">
            <fieldset class="invite-mode">
              <legend>Your account</legend>
              <label>
                <input type="radio" name="mode" checked={mode === 'new'} onChange={() => setMode('new')} /> I
                am new: create an account
              </label>
              <label>
                <input
                  type="radio"
                  name="mode"
                  checked={mode === 'existing'}
                  onChange={() => setMode('existing')}
                />{' '}
                I have an account: sign in
              </label>
            </fieldset>
            <AccountFields
              newAccount={mode === 'new'}
              fields={fields}
              emailInput={emailInput}
              confirmInput={confirmInput}
            />
            <button type="submit" class="primary" disabled={busy}>
              {mode === 'new' ? 'Create account and join' : 'Sign in and join'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
