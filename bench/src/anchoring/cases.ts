import {
  type AnchorVerdict,
  describeRange,
  type TextPositionSelector,
  type TextQuoteSelector,
} from '@errata/core';
import type { Article } from './corpus.ts';
import { seededRandom } from './random.ts';

/** The edits a page goes through after a report, each with the verdict a good anchor gives. */
export const CASE_TYPES = [
  'unchanged',
  'typo-fixed',
  'words-inserted',
  'words-removed',
  'reworded',
  'paragraph-moved',
  'paragraph-deleted',
  'look-alike-added',
  'line-break',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** A quote selected in `before`, to be found in `after`, with the expected outcome. */
export interface AnchoringCase {
  type: CaseType;
  article: string;
  after: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  expected: { verdict: AnchorVerdict; start?: number };
}

interface Span {
  start: number;
  end: number;
}

const WORD = /\p{L}[\p{L}’'-]*\p{L}/gu;

/** `perType` cases of every type over the articles, the same on every run for a seed. */
export function buildCases(articles: Article[], perType: number, seed = 7): AnchoringCase[] {
  const random = seededRandom(seed);
  const cases: AnchoringCase[] = [];
  for (const type of CASE_TYPES) {
    let made = 0;
    for (let attempt = 0; made < perType && attempt < perType * 50; attempt++) {
      const article = articles[Math.floor(random() * articles.length)] as Article;
      const built = BUILDERS[type](article.text, random);
      if (built) {
        cases.push({ type, article: article.name, ...built });
        made++;
      }
    }
  }
  return cases;
}

type Built = Omit<AnchoringCase, 'type' | 'article'>;

const BUILDERS: Record<CaseType, (text: string, random: () => number) => Built | null> = {
  unchanged(text, random) {
    const word = pickWord(text, random, 1);
    return word && caseOf(text, text, word, { verdict: 'found', start: word.start });
  },
  'typo-fixed'(text, random) {
    const word = pickWord(text, random, 5);
    if (!word) return null;
    const letters = [...text.slice(word.start, word.end)];
    const i = 1 + Math.floor(random() * (letters.length - 3));
    if (letters[i] === letters[i + 1]) return null;
    [letters[i], letters[i + 1]] = [letters[i + 1] as string, letters[i] as string];
    const before = text.slice(0, word.start) + letters.join('') + text.slice(word.end);
    return caseOf(before, text, word, { verdict: 'edited', start: word.start });
  },
  'words-inserted'(text, random) {
    const word = pickWord(text, random, 1);
    if (!word) return null;
    const at = wordStarts(text).filter(
      (s) => s < word.start - 5 && s > word.start - 30 && sameLine(text, s, word.start),
    );
    const point = at[Math.floor(random() * at.length)];
    if (point === undefined) return null;
    const insert = 'as officials said on Monday, ';
    const after = text.slice(0, point) + insert + text.slice(point);
    return caseOf(text, after, word, { verdict: 'found', start: word.start + insert.length });
  },
  'words-removed'(text, random) {
    const word = pickWord(text, random, 1);
    if (!word) return null;
    const next = /^ \p{L}[\p{L}’'-]*\p{L}/u.exec(text.slice(word.end));
    if (!next) return null;
    const after = text.slice(0, word.end) + text.slice(word.end + next[0].length);
    return caseOf(text, after, word, { verdict: 'found', start: word.start });
  },
  reworded(text, random) {
    const word = pickWord(text, random, 1);
    if (!word) return null;
    const spans = [...text.matchAll(WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    const at = spans.findIndex((s) => s.start === word.start);
    const earlier = spans[at - 2];
    const later = spans[at + 2];
    if (!earlier || !later || !sameLine(text, earlier.start, later.end)) return null;
    const after =
      text.slice(0, earlier.start) +
      'several' +
      text.slice(earlier.end, later.start) +
      'recently' +
      text.slice(later.end);
    const shift = 'several'.length - (earlier.end - earlier.start);
    return caseOf(text, after, word, { verdict: 'found', start: word.start + shift });
  },
  'paragraph-moved'(text, random) {
    const word = pickWord(text, random, 1);
    if (!word) return null;
    const paragraph = paragraphAround(text, word.start);
    if (paragraph.end >= text.length - 1) return null;
    const rest = text.slice(0, paragraph.start) + text.slice(paragraph.end + 1);
    const moved = text.slice(paragraph.start, paragraph.end);
    const after = `${rest}\n${moved}`;
    return caseOf(text, after, word, {
      verdict: 'found',
      start: rest.length + 1 + (word.start - paragraph.start),
    });
  },
  'paragraph-deleted'(text, random) {
    const word = pickWord(text, random, 1);
    if (!word) return null;
    const paragraph = paragraphAround(text, word.start);
    const after = text.slice(0, paragraph.start) + text.slice(paragraph.end + 1);
    const built = caseOf(text, after, word, { verdict: 'gone' });
    // Skip the rare pick whose words and context still stand elsewhere (a repeated paragraph opening).
    if (!built || after.includes(`${built.quote.prefix.slice(-16)}${built.quote.exact}`)) return null;
    return built;
  },
  'look-alike-added'(text, random) {
    const word = pickWord(text, random, 1);
    if (!word) return null;
    const paragraph = paragraphAround(text, word.start);
    const spans = [...text.slice(paragraph.start, word.start).matchAll(WORD)];
    const previous = spans.at(-1);
    if (!previous) return null;
    const original = text.slice(paragraph.start, paragraph.end);
    const offset = previous.index;
    const copy = `${original.slice(0, offset)}another${original.slice(offset + previous[0].length)}`;
    const after = `${text.slice(0, paragraph.start)}${copy}\n${text.slice(paragraph.start)}`;
    return caseOf(text, after, word, { verdict: 'found', start: word.start + copy.length + 1 });
  },
  'line-break'(text, random) {
    const word = pickWord(text, random, 1);
    if (!word) return null;
    const next = /^ (\p{L}[\p{L}’'-]*\p{L})/u.exec(text.slice(word.end));
    if (!next) return null;
    const span = { start: word.start, end: word.end + next[0].length };
    const before = `${text.slice(0, word.end)}\n${text.slice(word.end + 1)}`;
    return caseOf(before, text, span, { verdict: 'found', start: word.start });
  },
};

function caseOf(
  before: string,
  after: string,
  span: Span,
  expected: AnchoringCase['expected'],
): Built | null {
  const described = describeRange(before, span.start, span.end);
  if (!described) return null;
  return { after, quote: described.quote, position: described.position, expected };
}

/** A random word of at least `minLength` letters that has context on both sides. */
function pickWord(text: string, random: () => number, minLength: number): Span | null {
  const words = [...text.matchAll(WORD)].filter((m) => m[0].length >= minLength && m.index > 40);
  const chosen = words[Math.floor(random() * words.length)];
  return chosen ? { start: chosen.index, end: chosen.index + chosen[0].length } : null;
}

function wordStarts(text: string): number[] {
  return [...text.matchAll(WORD)].map((m) => m.index);
}

function sameLine(text: string, from: number, to: number): boolean {
  return !text.slice(from, to).includes('\n');
}

function paragraphAround(text: string, at: number): Span {
  const start = text.lastIndexOf('\n', at) + 1;
  const newline = text.indexOf('\n', at);
  return { start, end: newline === -1 ? text.length : newline };
}
