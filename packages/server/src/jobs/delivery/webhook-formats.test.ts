import { describe, expect, it } from 'vitest';
import { formatWebhookBody, summaryLine, type WebhookEvent } from './webhook-formats.ts';

const publicUrl = 'https://errata.example.org';
const created: WebhookEvent = {
  id: '01jevent',
  siteId: 'demo',
  type: 'erratum.created',
  erratumId: '01jerratum',
  createdAt: '2026-01-01T12:00:00.000Z',
  data: {
    report: { id: '01jreport', suggestion: 'Rotterdam', comment: null },
    erratum: {
      id: '01jerratum',
      url: 'https://news.example.org/bridge',
      title: 'Old Harbour swing bridge',
      quote: 'Roterdam',
      status: 'open',
      reports: 3,
      suggestion: 'Rotterdam',
    },
  },
};
const link = 'https://errata.example.org/admin/?site=demo&open=01jerratum';

/** The same event with hostile reader text in the quote. */
function withQuote(quote: string): WebhookEvent {
  const erratum = created.data.erratum;
  return { ...created, data: { ...created.data, ...(erratum ? { erratum: { ...erratum, quote } } : {}) } };
}

describe('webhook formats', () => {
  it('summarises an event in one line: «quote» → suggestion (N reports) on title', () => {
    expect(summaryLine(created)).toBe(
      'New erratum: «Roterdam» → Rotterdam (3 reports) on Old Harbour swing bridge',
    );
  });

  it('sends Errata JSON with the event id, type, site, erratum with its dashboard link, and details', () => {
    expect(formatWebhookBody('json', created, publicUrl)).toEqual({
      id: '01jevent',
      type: 'erratum.created',
      createdAt: '2026-01-01T12:00:00.000Z',
      site: 'demo',
      erratum: { ...created.data.erratum, dashboardUrl: link },
      data: { report: { id: '01jreport', suggestion: 'Rotterdam', comment: null } },
    });
  });

  it('sends Slack and Mattermost a text with a link to the dashboard', () => {
    expect(formatWebhookBody('slack', created, publicUrl)).toEqual({
      text: `New erratum: «Roterdam» → Rotterdam (3 reports) on Old Harbour swing bridge <${link}|Open in Errata>`,
    });
    expect(formatWebhookBody('mattermost', created, publicUrl)).toEqual({
      text: `New erratum: «Roterdam» → Rotterdam (3 reports) on Old Harbour swing bridge [Open in Errata](${link})`,
    });
  });

  it('sends Discord content with every mention turned off', () => {
    expect(formatWebhookBody('discord', created, publicUrl)).toEqual({
      content: `New erratum: «Roterdam» → Rotterdam (3 reports) on Old Harbour swing bridge <${link}>`,
      allowed_mentions: { parse: [] },
    });
  });

  it('sends Microsoft Teams an Adaptive Card with an action opening the dashboard', () => {
    expect(formatWebhookBody('teams', created, publicUrl)).toEqual({
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [{ type: 'TextBlock', text: summaryLine(created), wrap: true }],
            actions: [{ type: 'Action.OpenUrl', title: 'Open in Errata', url: link }],
          },
        },
      ],
    });
  });

  it('keeps reader text from making links or mentions in chat tools', () => {
    const hostile = withQuote('<!channel> [click](https://evil.example) @everyone');
    const slack = formatWebhookBody('slack', hostile, publicUrl) as { text: string };
    expect(slack.text).toContain('&lt;!channel&gt;');
    expect(slack.text).not.toContain('<!channel>');
    const mattermost = formatWebhookBody('mattermost', hostile, publicUrl) as { text: string };
    expect(mattermost.text).toContain('\\[click\\](https://evil.example)');
    expect(mattermost.text).not.toContain('@everyone');
  });

  it('breaks link syntax in Teams even for clients that ignore backslash escapes', () => {
    const hostile = withQuote('[click](https://evil.example)');
    const teams = formatWebhookBody('teams', hostile, publicUrl) as {
      attachments: { content: { body: { text: string }[] } }[];
    };
    const text = teams.attachments[0]?.content.body[0]?.text ?? '';
    expect(text).toContain('click');
    // Without the escapes' backslashes, no "](" is left to join a link text to an address.
    expect(text.replace(/\\/g, '')).not.toContain('](');
  });

  it('shortens a long quote to keep the line readable', () => {
    expect(summaryLine(withQuote('word '.repeat(100)))).toMatch(/«(word ){23}word…»/);
  });

  it('says a test message is a test', () => {
    const ping: WebhookEvent = { ...created, type: 'ping', erratumId: null, data: {} };
    expect(formatWebhookBody('slack', ping, publicUrl)).toEqual({
      text: 'Test message from Errata for the site demo: this webhook works. <https://errata.example.org/admin/?site=demo|Open in Errata>',
    });
  });
});
