import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertErratumRow } from '../testing/erratum-fixture.ts';
import { openTestStore } from '../testing/test-app.ts';
import { xmlProblems } from '../testing/xml-well-formed.ts';
import { type Correction, listCorrections } from './corrections-log.ts';
import { renderAtom, renderJsonFeed, renderLogPage } from './corrections-log-render.ts';

const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
const SITE = { id: 'courier', name: 'The Courier & <Gazette>' };

const correction = (overrides: Partial<Correction> = {}): Correction => ({
  id: '01jabcdefghjkmnpqrstvwxyz0',
  url: 'https://news.example/bridge?a=1&b=2',
  title: 'Bridge "reopens"',
  was: 'Roterdam',
  now: 'Rotterdam',
  note: null,
  verifiedAt: '2026-11-28T10:00:00.000Z',
  ...overrides,
});

describe('renderLogPage', () => {
  it('should escape every string from pages, readers and editors', () => {
    const html = renderLogPage(
      { id: 'courier', name: HOSTILE },
      [
        correction({
          title: HOSTILE,
          was: HOSTILE,
          now: HOSTILE,
          note: HOSTILE,
          url: 'https://news.example/"><script>',
        }),
      ],
      'https://errata.example',
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://news.example/&quot;&gt;&lt;script&gt;"');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
  });

  it('should show date, page and "X → Y" with the note, and link its feeds', () => {
    const html = renderLogPage(
      SITE,
      [correction({ note: 'The city was misspelt.' })],
      'https://errata.example',
    );
    expect(html).toContain('<time datetime="2026-11-28T10:00:00.000Z">2026-11-28</time>');
    expect(html).toContain(
      '<a href="https://news.example/bridge?a=1&amp;b=2" rel="nofollow">Bridge &quot;reopens&quot;</a>',
    );
    expect(html).toContain('<del>Roterdam</del> → <ins>Rotterdam</ins>');
    expect(html).toContain('<p class="note">The city was misspelt.</p>');
    expect(html).toContain('href="https://errata.example/c/courier/atom.xml"');
    expect(html).not.toMatch(/<script/i);
  });

  it('should say so when there is nothing yet', () => {
    expect(renderLogPage(SITE, [], 'https://errata.example')).toContain('No corrections yet.');
  });
});

describe('renderJsonFeed', () => {
  it('should be a JSON Feed 1.1 whose items carry the correction', () => {
    const feed = JSON.parse(renderJsonFeed(SITE, [correction({ was: HOSTILE })], 'https://errata.example'));
    expect(feed).toMatchObject({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Corrections: The Courier & <Gazette>',
      home_page_url: 'https://errata.example/c/courier',
      feed_url: 'https://errata.example/c/courier/feed.json',
    });
    expect(feed.items).toEqual([
      {
        id: 'https://errata.example/c/courier#c-01jabcdefghjkmnpqrstvwxyz0',
        url: 'https://news.example/bridge?a=1&b=2',
        title: 'Bridge "reopens"',
        content_text: `«${HOSTILE}» → «Rotterdam»`,
        date_published: '2026-11-28T10:00:00.000Z',
      },
    ]);
  });
});

describe('renderAtom', () => {
  it('should be well-formed XML with every string escaped', () => {
    const atom = renderAtom(
      SITE,
      [
        correction({ title: HOSTILE, was: HOSTILE, note: `${HOSTILE}\u0000\u001b` }),
        correction({ id: '01jabcdefghjkmnpqrstvwxyz1', title: null }),
      ],
      'https://errata.example',
    );
    expect(xmlProblems(atom)).toEqual([]);
    expect(atom).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    expect(atom).toContain('<title>Corrections: The Courier &amp; &lt;Gazette&gt;</title>');
    expect(atom).toContain('<link href="https://news.example/bridge?a=1&amp;b=2"/>');
    expect(atom).toContain('<updated>2026-11-28T10:00:00.000Z</updated>');
    expect(atom).not.toContain('\u0000');
    expect(atom.match(/<entry>/g)).toHaveLength(2);
  });

  it('should be caught by the check when an escape is missing', () => {
    expect(xmlProblems('<feed><title>a & b</title></feed>')).toEqual(['an unescaped "&" at 15']);
    expect(xmlProblems('<feed><title>a</feed>')).not.toEqual([]);
    expect(xmlProblems('<feed><title>a\u001b</title></feed>')).toEqual([
      'a character XML 1.0 forbids (U+001b) at 14',
    ]);
  });
});

describe('listCorrections', () => {
  let t: Awaited<ReturnType<typeof openTestStore>>;
  beforeEach(async () => {
    t = await openTestStore();
  });
  afterEach(async () => t.cleanup());

  async function erratum(id: string, url: string, status: string, verifiedAt: string | null): Promise<void> {
    await insertErratumRow(t.store.db, {
      id,
      url,
      word: `was ${id}`,
      at: '2026-11-01T00:00:00.000Z',
      title: 'A page',
      position_end: 5,
      status,
      replaced_by: `now ${id}`,
      verified_at: verifiedAt,
    });
  }

  it("should list only verified corrections, newest first, and one article's on asking", async () => {
    await erratum('e1', 'https://news.example/a', 'verified', '2026-11-02T00:00:00.000Z');
    await erratum('e2', 'https://news.example/b', 'verified', '2026-11-03T00:00:00.000Z');
    await erratum('e3', 'https://news.example/a', 'fixed', null);
    await erratum('e4', 'https://news.example/a', 'open', null);

    expect((await listCorrections(t.store.db, 'demo')).map((c) => c.id)).toEqual(['e2', 'e1']);
    const forA = await listCorrections(t.store.db, 'demo', {
      url: 'https://NEWS.example/a?utm_source=x#top',
    });
    expect(forA).toEqual([
      {
        id: 'e1',
        url: 'https://news.example/a',
        title: 'A page',
        was: 'was e1',
        now: 'now e1',
        note: null,
        verifiedAt: '2026-11-02T00:00:00.000Z',
      },
    ]);
  });
});
