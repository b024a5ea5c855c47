import { describe, expect, it } from 'vitest';
import { check } from '../check.ts';
import { reportedBy } from '../testing/findings.ts';
import { PRODUCT_CONFIDENCE_THRESHOLD } from '../threshold.ts';

describe('quotation-marks', () => {
  it('reports an opening mark used as a closing one', async () => {
    expect(await reportedBy('quotation-marks', 'She described the night as “electric“ and left.')).toEqual([
      '“electric“ → “electric”',
    ]);
  });

  it('reports a closing mark opening a quotation', async () => {
    expect(await reportedBy('quotation-marks', 'She said ”I thought a lot” and left.')).toEqual(['” → “']);
    expect(await reportedBy('quotation-marks', 'Powiedział ”tak” wczoraj.', 'pl')).toEqual(['” → „']);
  });

  it('reports another language’s marks and offers this language’s', async () => {
    expect(await reportedBy('quotation-marks', 'A »quiet room« opens on the first floor.')).toEqual([
      '»quiet room« → “quiet room”',
    ]);
  });

  it('accepts German „…“ and »…« but not „…”', async () => {
    expect(await reportedBy('quotation-marks', 'Er sagte: „Das ist gut“ und las »Faust«.', 'de')).toEqual([]);
    expect(await reportedBy('quotation-marks', 'Sie sagte: „Das ist schlecht” und blieb.', 'de')).toEqual([
      '„Das ist schlecht” → „Das ist schlecht“',
    ]);
  });

  it('accepts the conventions of French, Russian and Polish', async () => {
    expect(await reportedBy('quotation-marks', 'Il a dit « non » hier.', 'fr')).toEqual([]);
    expect(await reportedBy('quotation-marks', 'Он сказал «нет» и „да“.', 'ru')).toEqual([]);
    expect(await reportedBy('quotation-marks', 'Powiedział „tak” wczoraj.', 'pl')).toEqual([]);
  });

  it('checks French quotations set apart with spaces', async () => {
    expect(await reportedBy('quotation-marks', 'Il a dit « non ” hier.', 'fr')).toEqual([
      '« non ” → « non »',
    ]);
  });

  it('takes another convention used throughout for a house style, below the threshold', async () => {
    const text = 'He said »yes«. She said »no«. They said »maybe«, and we said “fine”.';
    expect(await reportedBy('quotation-marks', text)).toEqual([]);
  });

  it('does not take apostrophes for quotation marks', async () => {
    expect(await reportedBy('quotation-marks', 'We don’t know the teachers’ plans, ‘she said’.')).toEqual([]);
  });

  it('notes a quotation left open below the threshold, unless the next paragraph continues it', async () => {
    const open = await check('He said “we will stay.\nThe market closed.', { lang: 'en' });
    expect(open.map((finding) => [finding.text, finding.confidence < PRODUCT_CONFIDENCE_THRESHOLD])).toEqual([
      ['“', true],
    ]);
    const continued = await check('He said “we will stay.\n“And we will grow,” he added.', { lang: 'en' });
    expect(continued).toEqual([]);
  });

  it('accepts every language’s pairs in a language it has no convention for', async () => {
    expect(await reportedBy('quotation-marks', 'Hij zei „ja“ en »nee« en “misschien”.', 'nl')).toEqual([]);
  });
});
