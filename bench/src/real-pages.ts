import { chromiumUnavailable } from '../../e2e/harness/browser.ts';
import {
  corpusMeasures,
  failuresByCause,
  meetsGoal,
  pageTimes,
  percent,
} from '../../e2e/harness/corpus-figures.ts';
import type { CorpusResult } from '../../e2e/harness/corpus-result.ts';
import { realPagesUnavailable, runRealPagesCorpus } from '../../e2e/harness/real-pages-corpus.ts';
import type { Figure, Measurement } from './figure.ts';

/**
 * How right Errata is on 65 saved real article pages (../shared/data/real-pages): reports
 * through the widget in Chromium, the recheck of each unchanged page, and of each page after
 * its first reported word is corrected. The run is e2e/harness/real-pages-corpus.ts, the one
 * e2e/real-pages.test.ts asserts the goals on.
 */
export const realPages: Measurement = {
  title: 'real pages: report, recheck, fix',
  async run(context) {
    const unavailable = chromiumUnavailable() ?? realPagesUnavailable();
    if (unavailable) {
      context.log(`  skipped: ${unavailable}`);
      return [];
    }
    const result = await runRealPagesCorpus({ log: (line) => context.log(`  ${line}`) });
    for (const line of failuresByCause(result.failures)) context.log(`  ${line}`);
    return corpusFigures(result);
  },
};

function corpusFigures(result: CorpusResult): Figure[] {
  const times = pageTimes(result);
  const statuses = Object.entries(result.sendStatuses)
    .map(([status, n]) => `${status === '0' ? 'no answer' : `HTTP ${status}`} × ${n}`)
    .join(', ');
  return [
    {
      name: 'real_pages.pages',
      value: result.pages,
      unit: 'count',
      note: 'saved article pages, each served from 127.0.0.1 with the widget embedded',
    },
    ...corpusMeasures(result).map(
      (measure): Figure => ({
        name: `real_pages.${measure.id}`,
        value: percent(measure.tally),
        unit: '%',
        ...(measure.goal === undefined ? {} : { ok: meetsGoal(measure) }),
        note:
          `${measure.label}: ${measure.tally.passed}/${measure.tally.of}` +
          (measure.goal === undefined ? '' : `; goal ≥ ${measure.goal} %`) +
          (measure.id === 'sent' && statuses ? `; ${statuses}` : ''),
      }),
    ),
    {
      name: 'real_pages.page.median_ms',
      value: times.median,
      unit: 'ms',
      note: 'wall-clock time of one page: load, up to 5 reports, recheck, fix, recheck, reword, recheck',
    },
    {
      name: 'real_pages.page.max_ms',
      value: times.max,
      unit: 'ms',
      note: `${Math.round(times.total / 1000)} s for all pages`,
    },
  ];
}
