import {
  NOTIFICATION_EVENT_TYPES,
  type NotificationEventType,
  WEBHOOK_FORMATS,
  type WebhookFormat,
} from '@errata/core';

/** What the add-webhook form sends. */
export interface WebhookDraft {
  url: string;
  format: WebhookFormat;
  /** Empty: every event type. */
  events: NotificationEventType[];
}

/** The words people know each format by. */
export const FORMAT_WORDS: Record<WebhookFormat, string> = {
  json: 'JSON (signed, for your own code)',
  slack: 'Slack',
  discord: 'Discord',
  teams: 'Microsoft Teams',
  mattermost: 'Mattermost',
};

/** The formats in the order the select lists them. */
export const FORMATS = WEBHOOK_FORMATS;

/** A short name per event type, for the filter's checkboxes and the delivery log. */
export const EVENT_WORDS: Record<NotificationEventType, string> = {
  'erratum.created': 'New erratum',
  'erratum.reported': 'Reported again',
  'erratum.status_changed': 'Status changed',
  'erratum.assigned': 'Assigned',
  'erratum.noted': 'Note added',
  'erratum.verified': 'Fix verified',
  'erratum.still_present': 'Still on the page',
};

export const EVENT_TYPES = NOTIFICATION_EVENT_TYPES;

/** The filter with `type` switched on or off, kept in the canonical order. */
export function toggleEvent(
  events: readonly NotificationEventType[],
  type: NotificationEventType,
): NotificationEventType[] {
  const on = new Set(events);
  if (on.has(type)) on.delete(type);
  else on.add(type);
  return NOTIFICATION_EVENT_TYPES.filter((t) => on.has(t));
}

/** What a webhook's filter sends, in words: "All events" or "New erratum, Fix verified". */
export function filterText(events: readonly NotificationEventType[]): string {
  if (events.length === 0 || events.length === NOTIFICATION_EVENT_TYPES.length) return 'All events';
  return events.map((type) => EVENT_WORDS[type] ?? type).join(', ');
}

/** Why an address cannot be a webhook, in a sentence, or null when it can (the server checks again). */
export function webhookUrlProblem(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === '') return 'Enter the address to send events to.';
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return 'Enter the whole address, starting with https://';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return 'The address must start with https:// or http://';
  }
  return null;
}
