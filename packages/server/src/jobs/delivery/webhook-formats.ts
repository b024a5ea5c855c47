import type { WebhookFormat } from '@errata/core';
import type { ErratumSnapshot, OutboxEvent } from '../../base/outbox-event.ts';

/** What a webhook sends: an outbox event, or the test message ("ping") the owner asks for. */
export type WebhookEvent = Omit<OutboxEvent, 'type'> & { type: OutboxEvent['type'] | 'ping' };

/** Longest quote or suggestion in a one-line summary: a chat line, not the whole paragraph. */
const SUMMARY_TEXT_MAX = 120;

/** Errata's JSON payload: the event, the erratum (with a dashboard link) and the change's details. */
export interface WebhookPayload {
  /** The event id: the same on every retry, so receivers can drop repeats. */
  id: string;
  type: WebhookEvent['type'];
  /** ISO-8601 UTC time of the change. */
  createdAt: string;
  /** The site's id. */
  site: string;
  erratum: (ErratumSnapshot & { dashboardUrl: string }) | null;
  /** Details of the change: report, from/to, assignee, note, … (docs/webhooks.md). */
  data: Record<string, unknown>;
}

/** The dashboard address that opens the event's erratum (or the site's inbox). */
export function dashboardLink(publicUrl: string, event: WebhookEvent): string {
  const query = new URLSearchParams({ site: event.siteId });
  if (event.erratumId) query.set('open', event.erratumId);
  return `${publicUrl}/admin/?${query}`;
}

export function webhookPayload(event: WebhookEvent, publicUrl: string): WebhookPayload {
  const { erratum, ...data } = event.data;
  return {
    id: event.id,
    type: event.type,
    createdAt: event.createdAt,
    site: event.siteId,
    erratum: erratum ? { ...erratum, dashboardUrl: dashboardLink(publicUrl, event) } : null,
    data,
  };
}

/**
 * One plain-text line saying what happened:
 * "New erratum: «Roterdam» → Rotterdam (1 report) on Old Harbour swing bridge".
 * It holds reader text: each format escapes it for its own markup.
 */
export function summaryLine(event: WebhookEvent): string {
  if (event.type === 'ping')
    return `Test message from Errata for the site ${event.siteId}: this webhook works.`;
  const erratum = event.data.erratum;
  const what = erratum ? erratumLine(erratum) : `an erratum of ${event.siteId}`;
  return `${eventLabel(event)}: ${what}`;
}

function eventLabel(event: WebhookEvent): string {
  const data = event.data;
  switch (event.type) {
    case 'erratum.created':
      return 'New erratum';
    case 'erratum.reported':
      return 'Reported again';
    case 'erratum.status_changed':
      return typeof data.to === 'string' ? `Marked ${data.to}` : 'Status changed';
    case 'erratum.assigned': {
      const assignee = data.assignee as { email?: unknown } | null | undefined;
      return typeof assignee?.email === 'string' ? `Assigned to ${assignee.email}` : 'Unassigned';
    }
    case 'erratum.noted':
      return 'Note added';
    case 'erratum.verified':
      return 'Fix verified on the page';
    case 'erratum.still_present':
      return 'Still on the page';
    default:
      return event.type;
  }
}

function erratumLine(erratum: ErratumSnapshot): string {
  const suggestion = erratum.suggestion ? ` → ${shorten(erratum.suggestion)}` : '';
  const reports = `${erratum.reports} ${erratum.reports === 1 ? 'report' : 'reports'}`;
  return `«${shorten(erratum.quote)}»${suggestion} (${reports}) on ${shorten(erratum.title || erratum.url)}`;
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > SUMMARY_TEXT_MAX ? `${oneLine.slice(0, SUMMARY_TEXT_MAX - 1)}…` : oneLine;
}

/** Slack mrkdwn: &, < and > are its only control characters (they also form <!channel> mentions). */
function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Markdown (Discord, Mattermost, Teams): reader text must not become links, formatting or
 * mentions. Markup characters are backslash-escaped (with "[" and "]" escaped, "(" cannot
 * start a link); "@" gets an invisible joiner after it
 * so "@channel" or "@everyone" in a quote notifies nobody.
 */
function markdownEscape(text: string): string {
  return text.replace(/[\\`*_~|[\]<>]/g, '\\$&').replace(/@/g, '@\u2060');
}

/**
 * Teams: some Teams clients (the phone apps) ignore backslash escapes in Adaptive Card
 * markdown, so "\[x\](url)" would still be a link there; an invisible space between "]"
 * and "(" breaks the link syntax whether escapes are honoured or not.
 */
function teamsEscape(text: string): string {
  return markdownEscape(text).replace(/\]\(/g, ']\u200b(');
}

/** The body to POST for a format. */
export function formatWebhookBody(format: WebhookFormat, event: WebhookEvent, publicUrl: string): unknown {
  const link = dashboardLink(publicUrl, event);
  const line = summaryLine(event);
  switch (format) {
    case 'json':
      return webhookPayload(event, publicUrl);
    case 'slack':
      return { text: `${slackEscape(line)} <${link}|Open in Errata>` };
    case 'mattermost':
      return { text: `${markdownEscape(line)} [Open in Errata](${link})` };
    case 'discord':
      // Angle brackets stop Discord's link preview; allowed_mentions turns every mention off.
      return { content: `${markdownEscape(line)} <${link}>`, allowed_mentions: { parse: [] } };
    case 'teams':
      // An Adaptive Card message: what Teams' Workflows webhooks take (the older connectors' MessageCard is retired).
      return {
        type: 'message',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            contentUrl: null,
            content: {
              $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
              type: 'AdaptiveCard',
              version: '1.4',
              body: [{ type: 'TextBlock', text: teamsEscape(line), wrap: true }],
              actions: [{ type: 'Action.OpenUrl', title: 'Open in Errata', url: link }],
            },
          },
        ],
      };
  }
}
