import { REPORT_KINDS, type ReportKind, type SiteSettings } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError, errorMessage, patchSiteSettings } from './api.ts';
import { fieldId, SiteField } from './SiteField.tsx';
import {
  type SiteSettingsForm as FormValues,
  fieldErrorsOf,
  formOf,
  patchOf,
  RETENTION_RULE,
  retentionDaysOf,
  SETTINGS_FIELDS,
  type SettingsField,
} from './site-settings-form.ts';

const KIND_LABELS: Record<ReportKind, string> = {
  typo: 'Typos',
  factual: 'Factual errors',
  link: 'Broken links or media',
  other: 'Other reports',
};

interface SiteSettingsFormProps {
  settings: SiteSettings;
  csrfToken: string;
  onSaved: (settings: SiteSettings) => void;
  /** A call answered 401: the session is gone. */
  onUnauthorized: () => void;
}

/** The owner's form for a site's settings; every other member sees the same settings read-only. */
export function SiteSettingsForm({ settings, csrfToken, onSaved, onUnauthorized }: SiteSettingsFormProps) {
  const [values, setValues] = useState<FormValues>(() => formOf(settings));
  const [errors, setErrors] = useState<Partial<Record<SettingsField, string>>>({});
  const [status, setStatus] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setValues(formOf(settings));
    setErrors({});
  }, [settings]);

  if (settings.role !== 'owner') return <ReadOnlySettings settings={settings} />;

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  async function save(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    if (retentionDaysOf(values.retentionDays) === undefined) {
      setErrors({ retentionDays: `must be ${RETENTION_RULE}` });
      setStatus({ kind: 'error', text: `Retention must be ${RETENTION_RULE}.` });
      document.getElementById(fieldId('retentionDays'))?.focus();
      return;
    }
    const patch = patchOf(settings, values);
    if (Object.keys(patch).length === 0) {
      setStatus({ kind: 'done', text: 'Nothing changed.' });
      return;
    }
    setBusy(true);
    setStatus(null);
    setErrors({});
    try {
      const saved = await patchSiteSettings(settings.id, patch, csrfToken);
      onSaved(saved);
      // The form shows what the server stored (e.g. "pt-br" written "pt-BR") as the message appears.
      setValues(formOf(saved));
      setStatus({ kind: 'done', text: 'Settings saved.' });
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized();
      const fields = error instanceof ApiRequestError ? fieldErrorsOf(error.fields) : {};
      setErrors(fields);
      setStatus({ kind: 'error', text: errorMessage(error) });
      const first = SETTINGS_FIELDS.find((field) => fields[field]);
      if (first) document.getElementById(fieldId(first === 'desks' ? 'desk-typo' : first))?.focus();
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="site-form" onSubmit={save} aria-labelledby="site-settings-title" aria-busy={busy} noValidate>
      <h3 id="site-settings-title">General</h3>
      <SiteField
        name="name"
        label="Name"
        value={values.name}
        onInput={(v) => set('name', v)}
        error={errors.name}
        required
      />
      <SiteField
        name="allowedOrigins"
        label="Allowed origins"
        value={values.origins}
        onInput={(v) => set('origins', v)}
        hint='One a line, e.g. https://news.example.org. "self" is this Errata server.'
        error={errors.allowedOrigins}
        multiline
      />
      <SiteField
        name="rootSelector"
        label="Article root selector"
        value={values.rootSelector}
        onInput={(v) => set('rootSelector', v)}
        hint="CSS selector of the article text, e.g. main .article-body. Empty: the widget's default."
        error={errors.rootSelector}
      />
      <SiteField
        name="defaultLang"
        label="Default language"
        value={values.defaultLang}
        onInput={(v) => set('defaultLang', v)}
        hint="Language of pages that do not say, e.g. en or pt-BR."
        error={errors.defaultLang}
      />
      <SiteField
        name="cmsLinkTemplate"
        label="CMS link template"
        type="url"
        value={values.cmsLinkTemplate}
        onInput={(v) => set('cmsLinkTemplate', v)}
        hint="Opens the article in your CMS, e.g. https://cms.example.org/edit?url={url}. Placeholders: {url}, {path}, {id}."
        error={errors.cmsLinkTemplate}
      />
      <fieldset class="site-desks" aria-describedby={errors.desks ? 'site-desks-error' : 'site-desks-hint'}>
        <legend>Desks</legend>
        <p class="field-hint" id="site-desks-hint">
          Which desk handles each kind of report. Empty: no desk.
        </p>
        {REPORT_KINDS.map((kind) => (
          <SiteField
            key={kind}
            name={`desk-${kind}`}
            label={KIND_LABELS[kind]}
            value={values.desks[kind]}
            onInput={(v) => set('desks', { ...values.desks, [kind]: v })}
          />
        ))}
        {errors.desks && (
          <p class="field-error" id="site-desks-error">
            {errors.desks}
          </p>
        )}
      </fieldset>
      <Checkbox
        name="publicLog"
        label="Publish a public log of verified corrections"
        checked={values.publicLog}
        onChange={(v) => set('publicLog', v)}
        error={errors.publicLog}
      />
      <Checkbox
        name="readerEmail"
        label="Let readers leave an e-mail address for a thank-you"
        checked={values.readerEmail}
        onChange={(v) => set('readerEmail', v)}
        error={errors.readerEmail}
      />
      <Checkbox
        name="proofOfWork"
        label="Ask readers' browsers for a proof of work with each report"
        hint="Each report costs the reader's browser about a second of work, which stops scripted floods; no third party is involved."
        checked={values.proofOfWork}
        onChange={(v) => set('proofOfWork', v)}
        error={errors.proofOfWork}
      />
      <Checkbox
        name="proofreadOnFirstReport"
        label="Proofread a page when it is first reported"
        hint="The proofreader reads the page once, when a reader first reports a mistake on it, and adds the mistakes it is sure of to the inbox, marked Proofreader."
        checked={values.proofreadOnFirstReport}
        onChange={(v) => set('proofreadOnFirstReport', v)}
        error={errors.proofreadOnFirstReport}
      />
      <SiteField
        name="retentionDays"
        label="Keep reports of closed errata for (days)"
        value={values.retentionDays}
        onInput={(v) => set('retentionDays', v)}
        hint="Once an erratum is fixed, not a mistake or spam, its reports are deleted this many days after the decision, with any reader's e-mail; the erratum and its count stay. Empty: keep reports."
        error={errors.retentionDays}
        inputMode="numeric"
      />
      <p
        class={status?.kind === 'error' ? 'site-status site-status-error' : 'site-status'}
        role="status"
        aria-live="polite"
      >
        {status?.text}
      </p>
      <button type="submit" class="primary" disabled={busy}>
        {busy ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}

function Checkbox(props: {
  name: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  /** A sentence under the label on what the setting does. */
  hint?: string;
}) {
  const id = fieldId(props.name);
  const described = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described || undefined}
      />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  );
}

function ReadOnlySettings({ settings }: { settings: SiteSettings }) {
  const desks = Object.entries(settings.desks);
  return (
    <section class="site-section" aria-labelledby="site-settings-title">
      <h3 id="site-settings-title">General</h3>
      <p class="notice">
        You are {settings.role === 'editor' ? 'an editor' : 'a viewer'} of this site: only its owners change
        these settings.
      </p>
      <dl class="site-facts">
        <dt>Name</dt>
        <dd>{settings.name}</dd>
        <dt>Allowed origins</dt>
        <dd>{settings.allowedOrigins.join(', ')}</dd>
        <dt>Article root selector</dt>
        <dd>{settings.rootSelector ?? "The widget's default"}</dd>
        <dt>Default language</dt>
        <dd>{settings.defaultLang ?? 'None'}</dd>
        <dt>Desks</dt>
        <dd>
          {desks.length === 0
            ? 'None'
            : desks.map(([kind, desk]) => `${KIND_LABELS[kind as ReportKind] ?? kind}: ${desk}`).join('; ')}
        </dd>
        <dt>CMS link template</dt>
        <dd>{settings.cmsLinkTemplate ?? 'None'}</dd>
        <dt>Public corrections log</dt>
        <dd>{settings.publicLog ? 'Published' : 'Not published'}</dd>
        <dt>Readers' e-mail for a thank-you</dt>
        <dd>{settings.readerEmail ? 'Asked for' : 'Not asked for'}</dd>
        <dt>Proof of work with each report</dt>
        <dd>{settings.proofOfWork ? 'Asked for' : 'Not asked for'}</dd>
        <dt>Proofreading of a page when it is first reported</dt>
        <dd>{settings.proofreadOnFirstReport ? 'On' : 'Off'}</dd>
        <dt>Reports of closed errata kept</dt>
        <dd>
          {settings.retentionDays === null
            ? 'Until deleted'
            : `${settings.retentionDays} day${settings.retentionDays === 1 ? '' : 's'} after the decision`}
        </dd>
      </dl>
    </section>
  );
}
