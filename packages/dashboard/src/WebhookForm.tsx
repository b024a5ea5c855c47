import type { CreatedWebhook, NotificationEventType, WebhookFormat } from '@errata/core';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiRequestError, createWebhook, errorMessage } from './api.ts';
import { CopyField } from './CopyField.tsx';
import { copyOrSelect } from './copy-text.ts';
import { SiteField } from './SiteField.tsx';
import {
  EVENT_TYPES,
  EVENT_WORDS,
  FORMAT_WORDS,
  FORMATS,
  toggleEvent,
  webhookUrlProblem,
} from './webhook-form.ts';

interface WebhookFormProps {
  siteId: string;
  csrfToken: string;
  onCreated: () => void;
  onUnauthorized: () => void;
}

/** Adds a webhook: address, format, event filter; then shows its signing secret once, with Copy. */
export function WebhookForm({ siteId, csrfToken, onCreated, onUnauthorized }: WebhookFormProps) {
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<WebhookFormat>('json');
  const [events, setEvents] = useState<NotificationEventType[]>([]);
  const [urlError, setUrlError] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const secretInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    setCreated(null);
    setError(null);
  }, [siteId]);

  useEffect(() => {
    if (created) secretInput.current?.focus();
  }, [created]);

  async function add(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    const problem = webhookUrlProblem(url);
    setUrlError(problem ?? undefined);
    setError(null);
    setCopied(false);
    if (problem) return;
    setBusy(true);
    try {
      setCreated(await createWebhook(siteId, { url: url.trim(), format, events }, csrfToken));
      setUrl('');
      setEvents([]);
      onCreated();
    } catch (failure) {
      if (failure instanceof ApiRequestError && failure.status === 401) return onUnauthorized();
      if (failure instanceof ApiRequestError && failure.fields.url) setUrlError(failure.message);
      else setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }

  async function copy() {
    if (!created) return;
    if (await copyOrSelect(created.secret, secretInput.current)) setCopied(true);
    else setError('The secret is selected: press Ctrl+C (or ⌘C) to copy it.');
  }

  return (
    <div class="webhook-add">
      <h4>Add a webhook</h4>
      <form class="webhook-form" onSubmit={add} aria-busy={busy} noValidate>
        <SiteField
          name="webhookUrl"
          label="Address"
          type="url"
          value={url}
          onInput={setUrl}
          placeholder="https://"
          hint="Your receiver, or a Slack, Discord, Teams or Mattermost incoming-webhook URL."
          error={urlError}
        />
        <div class="field">
          <label for="webhook-format">Format</label>
          <select
            id="webhook-format"
            value={format}
            onChange={(e) => setFormat(e.currentTarget.value as WebhookFormat)}
          >
            {FORMATS.map((f) => (
              <option key={f} value={f}>
                {FORMAT_WORDS[f]}
              </option>
            ))}
          </select>
        </div>
        <fieldset class="webhook-events">
          <legend>Events (none ticked: all)</legend>
          {EVENT_TYPES.map((type) => (
            <label key={type} class="webhook-event">
              <input
                type="checkbox"
                checked={events.includes(type)}
                onChange={() => setEvents(toggleEvent(events, type))}
              />
              {EVENT_WORDS[type]}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={busy}>
          Add webhook
        </button>
      </form>
      {created && (
        <CopyField
          id="webhook-secret"
          label="Signing secret of the new webhook (shown only now: keep it with your receiver)"
          value={created.secret}
          inputRef={secretInput}
          copied={copied}
          onCopy={() => void copy()}
        />
      )}
      <p class={error ? 'form-error' : 'form-status'} role="status" aria-live="polite">
        {copied ? 'The secret is copied.' : error}
      </p>
    </div>
  );
}
