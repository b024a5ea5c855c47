/**
 * Calibration on the demo newsroom: every mistake planted in its pages (mistakes.json) that
 * text can reveal is reported at the product threshold with its correction, and nothing else
 * on those pages is: names, British spellings, quotations, code samples all stay quiet.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unknownWords } from './accepted-words.ts';
import { check } from './check.ts';
import { dictionaryFor } from './dictionary.ts';
import { KnownWords } from './known-words.ts';
import { SuggestionBudget } from './suggestion-budget.ts';
import { articleText } from './testing/article-text.ts';
import { PRODUCT_CONFIDENCE_THRESHOLD } from './threshold.ts';
import { skippedRanges, tokenize } from './tokenize.ts';

interface PlantedMistake {
  page: string;
  exact: string;
  correction: string;
  kind: string;
}

const newsroom = new URL('../../../examples/newsroom/', import.meta.url);
const planted: PlantedMistake[] = JSON.parse(readFileSync(new URL('mistakes.json', newsroom), 'utf8'));
// A wrong year is a fact: no text rule can know it.
const detectable = planted.filter((mistake) => mistake.kind !== 'fact');
const pages = [...new Set(planted.map((mistake) => mistake.page))];

function pageText(page: string): string {
  return articleText(readFileSync(new URL(page, newsroom), 'utf8'));
}

describe('the demo newsroom', () => {
  it.each(pages)('reports exactly the planted mistakes of %s', async (page) => {
    const text = pageText(page);
    const findings = (await check(text, { lang: 'en-GB' })).filter(
      (finding) => finding.confidence >= PRODUCT_CONFIDENCE_THRESHOLD,
    );
    const expected = detectable
      .filter((mistake) => mistake.page === page)
      .map((mistake) => ({
        text: mistake.exact,
        start: text.indexOf(mistake.exact),
        suggestion: mistake.correction,
      }))
      .sort((a, b) => a.start - b.start);
    expect(expected.every((mistake) => mistake.start >= 0)).toBe(true);
    expect(
      findings.map((finding) => ({
        text: finding.text,
        start: finding.start,
        suggestion: finding.suggestions[0],
      })),
    ).toEqual(expected);
  });

  it('finds at least twice the planted mistakes a plain dictionary check finds', async () => {
    const dictionary = await dictionaryFor('en');
    let plain = 0;
    let ours = 0;
    for (const page of pages) {
      const text = pageText(page);
      const skipped = skippedRanges(text);
      const context = {
        text,
        lang: 'en',
        supportedLang: 'en' as const,
        words: tokenize(text, skipped),
        skipped,
        dictionary,
        known: new KnownWords(),
        budget: new SuggestionBudget(),
      };
      const rejected = unknownWords(context);
      const findings = (await check(text, { lang: 'en' })).filter(
        (finding) => finding.confidence >= PRODUCT_CONFIDENCE_THRESHOLD,
      );
      for (const mistake of detectable.filter((planted) => planted.page === page)) {
        const start = text.indexOf(mistake.exact);
        const end = start + mistake.exact.length;
        if (rejected.some((word) => word.start < end && start < word.end)) plain++;
        if (findings.some((finding) => finding.start < end && start < finding.end)) ours++;
      }
    }
    console.log(
      `newsroom: ${ours} of ${detectable.length} planted mistakes found; a plain dictionary check finds ${plain}`,
    );
    expect(ours).toBe(detectable.length);
    expect(ours).toBeGreaterThanOrEqual(2 * plain);
  });
});
