import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NASTY_STRINGS } from '../testing/hostile-inputs.ts';
import { openTestApp, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

const setDemo = (values: { reader_email?: number; retention_days?: number | null; name?: string }) =>
  t.store.db.updateTable('sites').set(values).where('id', '=', 'demo').execute();

async function demoKey(): Promise<string> {
  const row = await t.store.db
    .selectFrom('sites')
    .select('public_key')
    .where('id', '=', 'demo')
    .executeTakeFirstOrThrow();
  return row.public_key;
}

const page = async () => t.app.inject({ url: `/privacy/${encodeURIComponent(await demoKey())}` });

/** The page's text without tags, as a reader reads it. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/\s+/g, ' ');

describe("a site's privacy page", () => {
  it('should say reports are kept with no time limit, and that no e-mail is asked for, when the site set neither', async () => {
    const response = await page();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    const text = textOf(response.body);
    expect(text).toContain('has set no time limit: reports are kept for as long as the site uses Errata');
    expect(text).toContain('does not ask for your e-mail address');
    expect(text).toContain('Your IP address is never stored');
    expect(text).toContain('set no cookies');
    expect(text).toContain('local storage');
    expect(text).not.toContain('thank you once your correction is seen');
  });

  it("should state the site's retention and what an e-mail address is used for once the site sets them", async () => {
    await setDemo({ reader_email: 1, retention_days: 30 });
    const text = textOf((await page()).body);
    expect(text).toContain('its reports are deleted 30 days after that decision');
    expect(text).not.toContain('no time limit');
    expect(text).toContain('one mail to thank you once your correction is seen on the live page');
    expect(text).toContain('deleted when that mail is sent, or after 90 days');
    expect(text).toContain('contact');
    expect(text).toContain('export or erase it in one step');
  });

  it('should escape a hostile site name everywhere it appears', async () => {
    const hostile = NASTY_STRINGS.find((s) => s.includes('<script>')) ?? '<script>alert(1)</script>';
    await setDemo({ name: `${hostile} "quoted" & 'single'` });
    const { body } = await page();
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('"quoted"');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;');
  });

  it('should answer 404 for a key no site has', async () => {
    const response = await t.app.inject({ url: '/privacy/no-such-key' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('No site has the key "no-such-key".');
  });
});
