import { type Anchor, anchor } from '@errata/core';
import { budgeted, type Figure, type Measurement } from '../figure.ts';
import { median } from '../median.ts';
import { apacheExact, hypothesisLike, type Located } from './baselines.ts';
import { type AnchoringCase, buildCases, CASE_TYPES } from './cases.ts';
import { longArticle, newsroomArticles } from './corpus.ts';

/** Cases of each type (BENCH_ANCHOR_CASES). */
const CASES_PER_TYPE = Number(process.env.BENCH_ANCHOR_CASES ?? 60);
/** The goals: verdicts right on ≥ 95 % of edited/gone cases, median anchor < 0.2 ms on 20 KB. */
const VERDICT_GOAL = 95;
const MEDIAN_BUDGET_MS = 0.2;

/** Re-anchoring after edits: accuracy per kind of edit, against two baselines, and speed. */
export const anchoringAccuracy: Measurement = {
  title: 'anchoring after edits',
  async run(context) {
    const articles = newsroomArticles(context.repoRoot);
    const cases = buildCases(articles, CASES_PER_TYPE);
    context.log(`  ${cases.length} cases over ${articles.length} articles`);
    const figures: Figure[] = [];
    const totals = { errata: 0, hypothesis: 0, apache: 0, verdictRight: 0, verdictCases: 0 };

    for (const type of CASE_TYPES) {
      const ofType = cases.filter((c) => c.type === type);
      let errata = 0;
      let hypothesis = 0;
      let apache = 0;
      let verdicts = 0;
      for (const c of ofType) {
        const result = anchor(c.after, c.quote, c.position);
        if (relocated(c, result.verdict === 'gone' ? null : (result as Located))) errata++;
        if (relocated(c, hypothesisLike(c.after, c.quote, c.position))) hypothesis++;
        if (relocated(c, apacheExact(c.after, c.quote))) apache++;
        if (verdictRight(c, result)) verdicts++;
      }
      totals.errata += errata;
      totals.hypothesis += hypothesis;
      totals.apache += apache;
      if (type === 'typo-fixed' || type === 'paragraph-deleted') {
        totals.verdictRight += verdicts;
        totals.verdictCases += ofType.length;
      }
      figures.push({
        name: `anchoring.${type}`,
        value: percent(verdicts, ofType.length),
        unit: '%',
        note: `verdict and place right; relocated: errata ${percent(errata, ofType.length)} %, hypothesis-like ${percent(hypothesis, ofType.length)} %, apache exact ${percent(apache, ofType.length)} % (n=${ofType.length})`,
      });
    }

    const n = cases.length;
    figures.push(
      {
        name: 'anchoring.relocated.errata',
        value: percent(totals.errata, n),
        unit: '%',
        note: `all ${n} cases`,
      },
      {
        name: 'anchoring.relocated.hypothesis_like',
        value: percent(totals.hypothesis, n),
        unit: '%',
        note: 'baseline',
      },
      {
        name: 'anchoring.relocated.apache_exact',
        value: percent(totals.apache, n),
        unit: '%',
        note: 'baseline',
      },
      {
        name: 'anchoring.edited_gone_verdicts',
        value: percent(totals.verdictRight, totals.verdictCases),
        unit: '%',
        ok: percent(totals.verdictRight, totals.verdictCases) >= VERDICT_GOAL,
        note: `typo-fixed → edited, paragraph-deleted → gone; goal ≥ ${VERDICT_GOAL} %; the baselines have no such verdict`,
      },
      ...speed(context.repoRoot),
    );
    return figures;
  },
};

/** Right place for found/edited, nothing for gone. */
function relocated(c: AnchoringCase, located: Located): boolean {
  if (c.expected.verdict === 'gone') return located === null;
  return located !== null && located.start === c.expected.start;
}

function verdictRight(c: AnchoringCase, result: Anchor): boolean {
  if (result.verdict !== c.expected.verdict) return false;
  return c.expected.verdict === 'gone' || result.start === c.expected.start;
}

function speed(repoRoot: string): Figure[] {
  const article = longArticle(newsroomArticles(repoRoot));
  const cases = buildCases([article], 40, 11).filter(
    (c) => c.type === 'unchanged' || c.type === 'typo-fixed',
  );
  const time = (locate: (c: AnchoringCase) => unknown) => {
    const samples: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const c of cases) {
        const started = process.hrtime.bigint();
        locate(c);
        samples.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    return median(samples);
  };
  const errata = time((c) => anchor(c.after, c.quote, c.position));
  const hypothesis = time((c) => hypothesisLike(c.after, c.quote, c.position));
  return [
    budgeted({
      name: 'anchoring.median_ms',
      value: Math.round(errata * 1000) / 1000,
      unit: 'ms',
      budget: MEDIAN_BUDGET_MS,
      note: `one anchor on a ${Math.round(article.text.length / 1024)} KB article, quote kept or typo fixed; hypothesis-like ${Math.round(hypothesis * 1000) / 1000} ms`,
    }),
  ];
}

function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}
