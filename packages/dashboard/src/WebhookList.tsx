import type { Webhook } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import {
  ApiRequestError,
  deleteWebhook,
  errorMessage,
  listWebhooks,
  patchWebhook,
  testWebhook,
} from './api.ts';
import { WebhookForm } from './WebhookForm.tsx';
import { FORMAT_WORDS, filterText } from './webhook-form.ts';

interface WebhookListProps {
  siteId: string;
  csrfToken: string;
  onUnauthorized: () => void;
}

type Message = { kind: 'error' | 'done'; text: string } | null;

/** The site's webhooks (owners): each with Send test, Pause/Resume and Delete; then the form to add one. */
export function WebhookList({ siteId, csrfToken, onUnauthorized }: WebhookListProps) {
  const [webhooks, setWebhooks] = useState<Webhook[] | null>(null);
  const [message, setMessage] = useState<Message>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const failed = (error: unknown, prefix = '') => {
    if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized();
    setMessage({ kind: 'error', text: `${prefix}${errorMessage(error)}` });
  };

  async function load(signal?: AbortSignal) {
    try {
      setWebhooks(await listWebhooks(siteId, signal));
    } catch (error) {
      if (!signal?.aborted) failed(error, 'Could not load the webhooks: ');
    }
  }

  useEffect(() => {
    setWebhooks(null);
    setMessage(null);
    const request = new AbortController();
    void load(request.signal);
    return () => request.abort();
  }, [siteId]);

  async function act(webhook: Webhook, action: () => Promise<string>) {
    setBusyId(webhook.id);
    setMessage(null);
    try {
      setMessage({ kind: 'done', text: await action() });
      await load();
    } catch (error) {
      failed(error);
    } finally {
      setBusyId(null);
    }
  }

  const sendTest = (webhook: Webhook) =>
    act(webhook, async () => {
      const result = await testWebhook(siteId, webhook.id, csrfToken);
      if (result.ok) return `Test message delivered to ${hostOf(webhook.url)} (HTTP ${result.statusCode}).`;
      throw new Error(`The test message was not delivered: ${result.error}`);
    });
  const setActive = (webhook: Webhook, active: boolean) =>
    act(webhook, async () => {
      await patchWebhook(siteId, webhook.id, { active }, csrfToken);
      return active ? 'The webhook is sending again.' : 'The webhook is paused: events are not sent to it.';
    });
  const remove = (webhook: Webhook) => {
    if (!confirm(`Delete the webhook to ${hostOf(webhook.url)}? Events waiting for it are given up.`)) return;
    return act(webhook, async () => {
      await deleteWebhook(siteId, webhook.id, csrfToken);
      return 'The webhook is deleted.';
    });
  };

  return (
    <section class="site-section" aria-labelledby="webhooks-title">
      <h3 id="webhooks-title">Webhooks</h3>
      <p class="field-hint">
        Each event is sent to every active webhook whose filter takes it, signed, and retried for up to a day.
      </p>
      {webhooks === null ? (
        <p class="loading">Loading webhooks…</p>
      ) : webhooks.length === 0 ? (
        <p class="field-hint">No webhooks yet.</p>
      ) : (
        <ul class="webhook-list">
          {webhooks.map((webhook) => (
            <li key={webhook.id} class="webhook" aria-busy={busyId === webhook.id}>
              <span class="webhook-url" title={webhook.url}>
                {webhook.url}
              </span>
              <span class="badge">{FORMAT_WORDS[webhook.format]}</span>
              {!webhook.active && <span class="badge badge-paused">Paused</span>}
              <span class="webhook-filter">{filterText(webhook.events)}</span>
              <span class="webhook-actions">
                <button type="button" disabled={busyId !== null} onClick={() => void sendTest(webhook)}>
                  Send test
                </button>
                <button
                  type="button"
                  disabled={busyId !== null}
                  onClick={() => void setActive(webhook, !webhook.active)}
                >
                  {webhook.active ? 'Pause' : 'Resume'}
                </button>
                <button
                  type="button"
                  disabled={busyId !== null}
                  onClick={() => void remove(webhook)}
                  aria-label={`Delete the webhook to ${hostOf(webhook.url)}`}
                >
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <p class={message?.kind === 'error' ? 'form-error' : 'form-status'} role="status" aria-live="polite">
        {message?.text}
      </p>
      <WebhookForm
        siteId={siteId}
        csrfToken={csrfToken}
        onCreated={() => void load()}
        onUnauthorized={onUnauthorized}
      />
    </section>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
