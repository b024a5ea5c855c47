import type { SessionInfo } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { AccountFields, type FieldErrors } from './AccountFields.tsx';
import { ApiRequestError, errorMessage, setUp } from './api.ts';
import { BASE_PATH } from './base-path.ts';

interface SetupProps {
  /** The one-time token of the link the server printed, or null when the link had none. */
  token: string | null;
  onSignedIn: (session: SessionInfo) => void;
}

/** The first-owner form, reached through the one-time link the server prints on its first start. */
export function Setup({ token, onSignedIn }: SetupProps) {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Set up · Errata';
    emailInput.current?.focus();
  }, []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy || token === null) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (password !== form.get('confirm')) {
      setError(null);
      setFields({ confirm: 'The two passwords differ. Type the same password twice.' });
      confirmInput.current?.select();
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      onSignedIn(await setUp(token, email, password));
    } catch (failure) {
      setError(errorMessage(failure));
      if (failure instanceof ApiRequestError) setFields(failure.fields);
      setBusy(false);
    }
  }

  if (token === null) {
    return (
      <main class="auth">
        <div class="auth-card">
          <h1>Set up Errata</h1>
          <p class="form-error">
            This set-up link has no token. Open the full link the server printed when it first started.
          </p>
          <a href={BASE_PATH}>Sign in instead</a>
        </div>
      </main>
    );
  }

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit} aria-labelledby="setup-title" aria-busy={busy}>
        <h1 id="setup-title">Set up Errata</h1>
        <p>Create the first owner account of this Errata server.</p>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <AccountFields newAccount fields={fields} emailInput={emailInput} confirmInput={confirmInput} />
        <button type="submit" class="primary" disabled={busy}>
          Create account
        </button>
        <p class="auth-aside">
          Already set up? <a href={BASE_PATH}>Sign in</a>
        </p>
      </form>
    </main>
  );
}
