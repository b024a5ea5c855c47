import type { SiteSettings } from '@errata/core';
import { useState } from 'preact/hooks';
import { ApiRequestError, createSite, errorMessage } from './api.ts';
import { SiteField } from './SiteField.tsx';
import { originsOf } from './site-settings-form.ts';

interface SiteCreateProps {
  csrfToken: string;
  onCreated: (site: SiteSettings) => void;
  onUnauthorized: () => void;
}

/** An owner adds another site (they become its owner); folded away until asked for. */
export function SiteCreate({ csrfToken, onCreated, onUnauthorized }: SiteCreateProps) {
  const [values, setValues] = useState({ id: '', name: '', origins: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      const site = await createSite(
        { id: values.id.trim(), name: values.name.trim(), allowedOrigins: originsOf(values.origins) },
        csrfToken,
      );
      setValues({ id: '', name: '', origins: '' });
      onCreated(site);
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized();
      const fields = error instanceof ApiRequestError ? error.fields : {};
      setErrors(
        Object.fromEntries(
          Object.entries(fields).map(([path, text]) => [
            path.startsWith('allowedOrigins') || path === 'origins'
              ? 'newAllowedOrigins'
              : path === 'name'
                ? 'newName'
                : 'newId',
            text,
          ]),
        ),
      );
      setMessage(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="site-section site-create">
      <summary>Add another site</summary>
      <form onSubmit={submit} aria-busy={busy} noValidate>
        <SiteField
          name="newId"
          label="Site id"
          value={values.id}
          onInput={(id) => setValues({ ...values, id })}
          hint="Lower-case letters, digits and dashes, e.g. courier. It cannot change later."
          error={errors.newId}
          required
        />
        <SiteField
          name="newName"
          label="Name"
          value={values.name}
          onInput={(name) => setValues({ ...values, name })}
          error={errors.newName}
          required
        />
        <SiteField
          name="newAllowedOrigins"
          label="Allowed origins"
          value={values.origins}
          onInput={(origins) => setValues({ ...values, origins })}
          hint="One a line, e.g. https://news.example.org."
          error={errors.newAllowedOrigins}
          multiline
          required
        />
        <p class="site-status site-status-error" role="status" aria-live="polite">
          {message}
        </p>
        <button type="submit" class="primary" disabled={busy}>
          Create site
        </button>
      </form>
    </details>
  );
}
