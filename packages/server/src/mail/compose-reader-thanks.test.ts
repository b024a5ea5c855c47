import { describe, expect, it } from 'vitest';
import { composeReaderThanksMail } from './compose-reader-thanks.ts';

const mail = (overrides = {}) =>
  composeReaderThanksMail({
    to: 'reader@example.org',
    siteName: 'The <b>Courier</b>',
    quote: 'Roterdam <img src=x onerror=alert(1)>',
    correction: 'Rotterdam & co',
    url: 'https://courier.example/a?x=1&y="2"',
    title: 'Bridge <i>news</i>',
    ...overrides,
  });

describe('the reader’s thank-you', () => {
  it('should escape every reader-typed string in the HTML and keep it plain in the text', () => {
    const { html, text } = mail();
    expect(html).toContain('Roterdam &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Rotterdam &amp; co');
    expect(html).toContain('href="https://courier.example/a?x=1&amp;y=&quot;2&quot;"');
    expect(html).not.toMatch(/<img|<b>|<i>/);
    expect(text).toContain('«Roterdam <img src=x onerror=alert(1)>»');
    expect(text).toContain('It now reads «Rotterdam & co».');
  });

  it('should keep the subject on one line whatever the quote holds', () => {
    const { subject } = mail({ quote: 'line one\r\nBcc: someone@example.org' });
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toContain('line one Bcc');
  });

  it('should say the address was deleted, and carry no unsubscribe header (it is the only mail)', () => {
    const message = mail({ correction: null });
    expect(message.text).toContain('has now been deleted');
    expect(message.text).not.toContain('It now reads');
    expect(message.headers).toBeUndefined();
  });
});
