/** Scores a finder (Errata or the baseline) on texts with planted mistakes. */
import type { Planted } from './planting.ts';
import { countWords, matchFindings, overlaps, type Span } from './spans.ts';

/** A flagged stretch, with the rule that flagged it ("baseline" for the Hunspell baseline). */
export interface Flag extends Span {
  rule: string;
}

/** Finds the flags of one text. */
export type Finder = (text: string) => Promise<Flag[]>;

/** A text with the mistakes planted in it. */
export interface PlantedText {
  name: string;
  text: string;
  planted: Planted[];
}

/** Found of planted, per kind of mistake or per rule. */
export interface Tally {
  found: number;
  of: number;
}

/** How a finder did on a set of texts. */
export interface SetScore {
  /** Planted mistakes found, per kind (undetectable kinds left out). */
  byKind: Map<string, Tally>;
  /** Per kind, the rules whose flags overlapped its planted mistakes, and how many mistakes each. */
  rulesByKind: Map<string, Map<string, number>>;
  /** Flags at a planted mistake (`found`) of all flags (`of`), per rule. */
  byRule: Map<string, Tally>;
  /** Planted mistakes of undetectable kinds: not counted as anyone's miss. */
  undetectable: number;
  /** Flags at no planted mistake, with their words, for the reader of the figures. */
  falseFlags: { name: string; rule: string; words: string }[];
  /** Words checked. */
  words: number;
}

/**
 * Checks every text and matches flags to planted mistakes by overlap. Kinds in `undetectable`
 * (a wrong year: no text rule can know it) are left out of recall; a flag on one still points
 * at a real mistake, so it is not a false flag either.
 */
export async function scoreSet(
  texts: readonly PlantedText[],
  find: Finder,
  undetectable: ReadonlySet<string> = new Set(),
): Promise<SetScore> {
  const score: SetScore = {
    byKind: new Map(),
    rulesByKind: new Map(),
    byRule: new Map(),
    undetectable: 0,
    falseFlags: [],
    words: 0,
  };
  for (const entry of texts) {
    const flags = await find(entry.text);
    const { found, unmatched } = matchFindings(entry.planted, flags);
    entry.planted.forEach((mistake, i) => {
      if (undetectable.has(mistake.kind)) {
        score.undetectable++;
        return;
      }
      add(score.byKind, mistake.kind, found[i] === true);
      const rules = score.rulesByKind.get(mistake.kind) ?? new Map<string, number>();
      for (const rule of new Set(flags.filter((flag) => overlaps(flag, mistake)).map((flag) => flag.rule))) {
        rules.set(rule, (rules.get(rule) ?? 0) + 1);
      }
      score.rulesByKind.set(mistake.kind, rules);
    });
    for (const flag of flags) add(score.byRule, flag.rule, !unmatched.includes(flag));
    for (const flag of unmatched) {
      score.falseFlags.push({
        name: entry.name,
        rule: flag.rule,
        words: entry.text.slice(flag.start, flag.end),
      });
    }
    score.words += countWords(entry.text);
  }
  return score;
}

/** All tallies of a map added up. */
export function total(tallies: ReadonlyMap<string, Tally>): Tally {
  let found = 0;
  let of = 0;
  for (const tally of tallies.values()) {
    found += tally.found;
    of += tally.of;
  }
  return { found, of };
}

function add(tallies: Map<string, Tally>, key: string, hit: boolean): void {
  const tally = tallies.get(key) ?? { found: 0, of: 0 };
  tally.of++;
  if (hit) tally.found++;
  tallies.set(key, tally);
}

/** The most frequent false flags, "“word” ×3 (rule)", for a figure's note. */
export function commonFalseFlags(flags: SetScore['falseFlags'], limit = 8): string {
  const counts = new Map<string, number>();
  for (const flag of flags) {
    const key = `“${flag.words}” (${flag.rule})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, n]) => (n > 1 ? `${key} ×${n}` : key))
    .join(', ');
}
