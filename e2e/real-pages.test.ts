/**
 * Errata on 65 real article pages nobody here wrote (../shared/data/real-pages): a reader
 * reports words of each story through the real widget in Chromium, the real server rechecks
 * the unchanged page, then the page's first reported word is corrected and rechecked, then the
 * sentence of its second is reworded around it and rechecked. The
 * figures are printed; the goals asserted are the ones the product promises (README,
 * "Fix verification"): nothing on an unchanged page is called fixed, a fix is seen as
 * the fix with what replaced it, and a fix disturbs no other erratum of the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { skipWithoutChromium } from './harness/browser.ts';
import { corpusMeasures, formatCorpusReport, percent } from './harness/corpus-figures.ts';
import type { CorpusResult, FailureCause } from './harness/corpus-result.ts';
import { runRealPagesCorpus, skipWithoutRealPages } from './harness/real-pages-corpus.ts';

/** The whole run: about 3 s a page on 2 cores, with room for a busy machine. */
const RUN_TIMEOUT_MS = 8 * 60_000;

/** Why a page where the widget loaded may have sent fewer reports than it had words for. */
const UNSENT: FailureCause[] = ['no word found in the source', 'not selected', 'no dialog', 'not sent'];

const skip = skipWithoutChromium() || skipWithoutRealPages();

describe.skipIf(skip)('the real pages corpus', () => {
  let result: CorpusResult;

  beforeAll(async () => {
    // REAL_PAGES_ONLY=bbc,wapo runs only the pages whose file name holds one of those.
    const only = process.env.REAL_PAGES_ONLY?.split(',').filter(Boolean);
    result = await runRealPagesCorpus(only?.length ? { only } : {});
    console.log(formatCorpusReport(result));
  }, RUN_TIMEOUT_MS);

  const measure = (id: string) => {
    const found = corpusMeasures(result).find((m) => m.id === id);
    if (!found) throw new Error(`no measure ${id}`);
    return found;
  };
  const failuresOf = (cause: FailureCause) => result.failures.filter((f) => f.cause === cause);

  it('runs every page to its end', () => {
    expect(failuresOf('page error')).toEqual([]);
  });

  it('calls every erratum of an unchanged page still there', () => {
    expect(measure('unchanged_still_there').tally.of).toBeGreaterThan(0);
    expect(failuresOf('not still there on the unchanged page')).toEqual([]);
  });

  it('verifies at least 98 % of fixes, with the corrected word as what replaced the quote', () => {
    const { tally, goal } = measure('fix_verified');
    expect(tally.of).toBeGreaterThan(0);
    expect(percent(tally), JSON.stringify(failuresOf('fix not verified'), null, 1)).toBeGreaterThanOrEqual(
      goal as number,
    );
  });

  it('leaves every other erratum of a fixed page still there', () => {
    expect(failuresOf('other erratum disturbed by the fix')).toEqual([]);
  });

  it('never calls a word fixed while it stands in its reworded sentence', () => {
    expect(measure('reworded_still_there').tally.of).toBeGreaterThan(0);
    expect(failuresOf('not still there after its sentence was reworded')).toEqual([]);
  });

  it('sends the reports of every page where the widget loaded', () => {
    const { tally } = measure('pages_all_sent');
    expect(tally.of).toBeGreaterThan(0);
    expect(result.failures.filter((f) => UNSENT.includes(f.cause))).toEqual([]);
    expect(tally.passed).toBe(tally.of);
  });
});
