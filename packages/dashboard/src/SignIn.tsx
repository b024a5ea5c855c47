import type { SessionInfo } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { errorMessage, signIn } from './api.ts';
import { FormField } from './FormField.tsx';

interface SignInProps {
  /** Why the editor is here again, e.g. the session ended; shown above the form. */
  notice: string | null;
  onSignedIn: (session: SessionInfo) => void;
}

/** The sign-in form: e-mail and password, Enter submits, the server's sentence on failure. */
export function SignIn({ notice, onSignedIn }: SignInProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = 'Sign in · Errata';
    emailInput.current?.focus();
  }, []);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(String(form.get('email') ?? '').trim(), String(form.get('password') ?? '')));
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
      passwordInput.current?.select();
    }
  }

  return (
    <main class="auth">
      <form class="auth-card" onSubmit={submit} aria-labelledby="sign-in-title" aria-busy={busy}>
        <h1 id="sign-in-title">Sign in to Errata</h1>
        {notice && !error && <p class="notice">{notice}</p>}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <FormField label="E-mail" name="email" type="email" autoComplete="username" inputRef={emailInput} />
        <FormField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          inputRef={passwordInput}
        />
        <button type="submit" class="primary" disabled={busy}>
          Sign in
        </button>
      </form>
    </main>
  );
}
