import { type EmailMode, INSTANT_FROM_MAX, type SessionInfo } from '@errata/core';
import { useEffect, useId, useState } from 'preact/hooks';
import { errorMessage, getEmailPreferences, isUnauthorized, putEmailPreferences } from './api.ts';
import { parseInstantFrom } from './email-preferences.ts';

interface EmailPreferencesProps {
  session: SessionInfo;
  siteId: string;
  onUnauthorized: () => void;
}

const MODES: { mode: EmailMode; label: string; hint: string }[] = [
  { mode: 'off', label: 'Off', hint: 'No e-mail about this site.' },
  { mode: 'instant', label: 'Instant', hint: 'A mail when a spot is reported.' },
  {
    mode: 'digest',
    label: 'Daily digest',
    hint: 'One mail a day listing the open errata reported since the one before.',
  },
];

type Load =
  | { state: 'loading' }
  | { state: 'failed'; error: string }
  | { state: 'ready'; mailConfigured: boolean };

/** The signed-in editor's own e-mail choices for one site: off, instant (from the N-th report) or a daily digest. */
export function EmailPreferences(props: EmailPreferencesProps) {
  const id = useId();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [mode, setMode] = useState<EmailMode>('off');
  const [instantFrom, setInstantFrom] = useState('1');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    setLoad({ state: 'loading' });
    getEmailPreferences(props.siteId, abort.signal).then(
      (answer) => {
        setMode(answer.mode);
        setInstantFrom(String(answer.instantFrom));
        setLoad({ state: 'ready', mailConfigured: answer.mailConfigured });
      },
      (error: unknown) => {
        if (abort.signal.aborted) return;
        if (isUnauthorized(error)) props.onUnauthorized();
        else setLoad({ state: 'failed', error: errorMessage(error) });
      },
    );
    return () => abort.abort();
  }, [props.siteId]);

  const save = async (event: Event) => {
    event.preventDefault();
    setSaved(false);
    setSaveError(null);
    const parsed = parseInstantFrom(instantFrom);
    // The number matters only for instant mail; with the field hidden, a bad one is put back to 1.
    if (mode === 'instant' && 'error' in parsed) {
      setFieldError(parsed.error);
      return;
    }
    setFieldError(null);
    setSaving(true);
    try {
      const answer = await putEmailPreferences(
        props.siteId,
        { mode, instantFrom: 'value' in parsed ? parsed.value : 1 },
        props.session.csrfToken,
      );
      setInstantFrom(String(answer.instantFrom));
      setSaved(true);
    } catch (error) {
      if (isUnauthorized(error)) props.onUnauthorized();
      else setSaveError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const headingId = `${id}-heading`;
  const fieldId = `${id}-from`;
  const fieldErrorId = `${id}-from-error`;
  return (
    <section class="email-preferences" aria-labelledby={headingId}>
      <h3 id={headingId}>Your e-mail</h3>
      {load.state === 'loading' && <p aria-live="polite">Loading your e-mail choice…</p>}
      {load.state === 'failed' && (
        <p class="form-error" role="alert">
          {load.error}
        </p>
      )}
      {load.state === 'ready' && (
        <form onSubmit={save} noValidate>
          {!load.mailConfigured && (
            <p class="email-note">
              This server has no mail server set (ERRATA_SMTP_URL), so no e-mail is sent until an
              administrator sets one.
            </p>
          )}
          {roleOf(props.session, props.siteId) === 'viewer' && (
            <p class="email-note">
              Mail goes to the site's editors and owners: as a viewer you get none until an owner makes you an
              editor. Your choice is kept for then.
            </p>
          )}
          <fieldset>
            <legend>Tell me about new errata of {siteNameOf(props.session, props.siteId)}</legend>
            {MODES.map((option) => (
              <label class="email-mode" key={option.mode}>
                <input
                  type="radio"
                  name="mode"
                  value={option.mode}
                  checked={mode === option.mode}
                  onChange={() => {
                    setMode(option.mode);
                    setSaved(false);
                  }}
                />
                <span>
                  <strong>{option.label}</strong> <span class="field-hint">{option.hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {mode === 'instant' && (
            <div class="field">
              <label for={fieldId}>Only from the N-th report of a spot</label>
              <input
                id={fieldId}
                type="number"
                inputMode="numeric"
                min={1}
                max={INSTANT_FROM_MAX}
                step={1}
                value={instantFrom}
                onInput={(e) => {
                  setInstantFrom((e.target as HTMLInputElement).value);
                  setSaved(false);
                }}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={fieldError ? fieldErrorId : undefined}
              />
              <p class="field-hint">
                1: a mail for every new erratum. 3: one mail when a spot reaches its 3rd report.
              </p>
              {fieldError && (
                <p class="field-error" id={fieldErrorId}>
                  {fieldError}
                </p>
              )}
            </div>
          )}
          {saveError && (
            <p class="form-error" role="alert">
              {saveError}
            </p>
          )}
          <div class="actions">
            <button type="submit" disabled={saving}>
              {saving ? 'Saving…' : 'Save'}
            </button>
            <span aria-live="polite">{saved ? 'Saved.' : ''}</span>
          </div>
        </form>
      )}
    </section>
  );
}

function siteNameOf(session: SessionInfo, siteId: string): string {
  return session.sites.find((s) => s.id === siteId)?.name ?? siteId;
}

function roleOf(session: SessionInfo, siteId: string): string | undefined {
  return session.sites.find((s) => s.id === siteId)?.role;
}
