import { describe, expect, it } from 'vitest';
import { roterdamErratum } from '../testing/erratum-fixture.ts';
import { composeDigestMail } from './compose-digest.ts';
import { composeInstantMail } from './compose-instant.ts';

/** An erratum whose every reader- or site-typed string tries to break out of the HTML. */
const hostile = roterdamErratum({
  id: 'e1',
  url: 'https://news.example/a?x=1&y="><script>alert(1)</script>',
  title: 'Bridge <img src=x onerror=alert(1)>',
  quote: { exact: 'Roter<b>dam</b>', prefix: '<i>from ', suffix: ' & co' },
  position: { start: 0, end: 8 },
  reports: 2,
  suggestions: [{ text: '"Rotterdam"<br>', count: 2 }],
  comments: ["it's <a href=javascript:alert(1)>wrong</a>"],
  firstReportedAt: '2026-01-01T07:00:00.000Z',
  lastReportedAt: '2026-01-01T08:00:00.000Z',
});

const siteName = 'The <Courier>\r\nBcc: someone@example.org';
const links = { publicUrl: 'https://errata.example', unsubscribeUrl: 'https://errata.example/u?token=a&b' };

function expectNoMarkupFromText(html: string) {
  expect(html).not.toMatch(/<script|<img|<b>|<i>|<br>|<a href=javascript|<Courier>/);
  expect(html).toContain(
    'href="https://news.example/a?x=1&amp;y=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"',
  );
  expect(html).toContain('&lt;i&gt;from <mark>Roter&lt;b&gt;dam&lt;/b&gt;</mark> &amp; co');
  expect(html).toContain('&quot;Rotterdam&quot;&lt;br&gt;');
  expect(html).toContain('it&#39;s &lt;a href=javascript:alert(1)&gt;wrong&lt;/a&gt;');
  expect(html).toContain('href="https://errata.example/u?token=a&amp;b"');
}

describe('editor mails', () => {
  it('should escape every reader- and site-typed string of an instant mail, in text and attributes', () => {
    const mail = composeInstantMail({
      to: 'ed@example.org',
      siteName,
      erratum: hostile,
      reports: 2,
      ...links,
    });
    expectNoMarkupFromText(mail.html);
    expect(mail.text).toContain('«Roter<b>dam</b>»');
    expect(mail.subject).toBe(
      '[The <Courier> Bcc: someone@example.org] Erratum reported 2 times: «Roter<b>dam</b>»',
    );
  });

  it('should escape the same in a digest, and keep its subject on one line', () => {
    const mail = composeDigestMail({
      to: 'ed@example.org',
      siteName,
      day: '2026-01-02',
      since: '2026-01-01T07:00:00.000Z',
      errata: [hostile],
      more: 3,
      ...links,
    });
    expectNoMarkupFromText(mail.html);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject).toContain('4 open errata reported since 2026-01-01 07:00 UTC');
    expect(mail.text).toContain('…and 3 more in the inbox.');
    expect(mail.headers).toEqual({
      'List-Unsubscribe': '<https://errata.example/u?token=a&b>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });
});
