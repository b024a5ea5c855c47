/** Turning the proofreader's scores into named figures. */
import type { Figure } from '../figure.ts';
import { commonFalseFlags, type SetScore, type Tally, total } from './scoring.ts';
import { percent, perThousandWords, ratio } from './spans.ts';
import type { SuggestionScore } from './suggestions.ts';

/** The issue's goal: on running text, at least twice the mistakes the best single library finds. */
export const RATIO_GOAL = 2;

const counted = (tally: Tally | undefined) => (tally ? `${tally.found}/${tally.of}` : '0/0');

/** " (by spelling 24, split-word 3)": which rules found a kind's mistakes. */
function byRules(rules: ReadonlyMap<string, number> | undefined): string {
  if (!rules?.size) return '';
  return ` (by ${[...rules].map(([rule, n]) => `${rule} ${n}`).join(', ')})`;
}

/**
 * Recall per kind of mistake and overall, precision per rule and overall, false flags per
 * 1,000 words and found-vs-baseline for one set: `proofreader.<set>.…`.
 */
export function detectionFigures(
  set: string,
  what: string,
  errata: SetScore,
  baseline: SetScore,
  options: { ratioGoal?: boolean } = {},
): Figure[] {
  const figures: Figure[] = [];
  for (const [kind, tally] of [...errata.byKind].sort()) {
    figures.push({
      name: `proofreader.${set}.recall.${kind}`,
      value: percent(tally.found, tally.of),
      unit: '%',
      note: `found ${counted(tally)}${byRules(errata.rulesByKind.get(kind))}; baseline ${counted(baseline.byKind.get(kind))}`,
    });
  }
  const found = total(errata.byKind);
  const baseFound = total(baseline.byKind);
  figures.push({
    name: `proofreader.${set}.recall`,
    value: percent(found.found, found.of),
    unit: '%',
    note: `${what}: all planted mistakes found ${counted(found)}, at the product threshold`,
  });
  for (const [rule, tally] of [...errata.byRule].sort()) {
    figures.push({
      name: `proofreader.${set}.precision.${rule}`,
      value: percent(tally.found, tally.of),
      unit: '%',
      note: `${rule} findings at a planted mistake ${counted(tally)}`,
    });
  }
  const flagged = total(errata.byRule);
  const baseFlagged = total(baseline.byRule);
  figures.push(
    {
      name: `proofreader.${set}.precision`,
      value: percent(flagged.found, flagged.of),
      unit: '%',
      note: `findings at a planted mistake ${counted(flagged)}; others: ${commonFalseFlags(errata.falseFlags) || 'none'}`,
    },
    {
      name: `proofreader.${set}.false_per_1000_words`,
      value: perThousandWords(errata.falseFlags.length, errata.words),
      unit: '/1000 words',
      note: `${errata.falseFlags.length} findings at no planted mistake in ${errata.words} words; baseline ${baseline.falseFlags.length} (${perThousandWords(baseline.falseFlags.length, baseline.words)}/1000)`,
    },
    {
      name: `proofreader.${set}.baseline.recall`,
      value: percent(baseFound.found, baseFound.of),
      unit: '%',
      note: `plain Hunspell (hunspell-asm + dictionary-en) flagging every word it rejects: found ${counted(baseFound)}`,
    },
    {
      name: `proofreader.${set}.baseline.precision`,
      value: percent(baseFlagged.found, baseFlagged.of),
      unit: '%',
      note: `flags at a planted mistake ${counted(baseFlagged)}; others: ${commonFalseFlags(baseline.falseFlags, 5)}`,
    },
    foundVsBaseline(`proofreader.${set}.found_vs_baseline`, found.found, baseFound.found, options.ratioGoal),
  );
  return figures;
}

/** Errata's planted mistakes found ÷ the baseline's, with the ≥ 2× goal when it applies. */
export function foundVsBaseline(name: string, errata: number, baseline: number, goal = false): Figure {
  const value = ratio(errata, baseline);
  return {
    name,
    value,
    unit: '×',
    ...(goal ? { ok: value >= RATIO_GOAL } : {}),
    note: `found by Errata ${errata}, by the baseline ${baseline}${goal ? `; goal ≥ ${RATIO_GOAL}×` : ''}`,
  };
}

/** Top-1 and top-3 suggestion accuracy, Errata's, with the baseline's in the note. */
export function suggestionFigures(
  set: string,
  what: string,
  errata: SuggestionScore,
  baseline: SuggestionScore,
): Figure[] {
  return (['top1', 'top3'] as const).map((top) => ({
    name: `proofreader.suggestions.${set}.${top}`,
    value: percent(errata[top], errata.of),
    unit: '%',
    note: `${what}: right word ${top === 'top1' ? 'first' : 'in the first 3'} ${errata[top]}/${errata.of} (flagged at any confidence ${errata.flagged}); baseline Hunspell ${baseline[top]}/${baseline.of} = ${percent(baseline[top], baseline.of)} %`,
  }));
}
