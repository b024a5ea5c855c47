/**
 * The mixed running-text set: into each saved English article, one mistake of every kind the
 * proofreader's issue lists, each in a different prose sentence, chosen with a seeded
 * generator so every run plants the same ones. Where a mistake lies between words (a doubled
 * word, a missing space), those words are ones the baseline dictionary accepts, so a
 * spelling flag on a neighbour does not pass for finding it.
 */

import { seededRandom } from '../anchoring/random.ts';
import type { BaselineSpeller } from './baseline.ts';
import type { MisspellingPair, NamedText } from './corpus.ts';
import { proseSentences } from './corpus.ts';
import { type Edit, inCaseOf, plant } from './planting.ts';
import type { PlantedText } from './scoring.ts';

export const MIXED_KINDS = [
  'misspelling',
  'name-variant',
  'run-together',
  'doubled-word',
  'quotation-mark',
  'space-before-punctuation',
  'missing-space',
] as const;
export type MixedKind = (typeof MIXED_KINDS)[number];

/** Small words a writer doubles without noticing ("the the"). */
const DOUBLED = new Set(['the', 'a', 'to', 'of', 'in', 'and', 'for', 'with', 'on', 'is', 'that', 'was']);
/** Planted mistakes stay this far apart, so one finding cannot cover two. */
const GAP = 40;
const TOKEN = /\p{L}+(?:['’]\p{L}+)*/gu;

interface Sentence {
  start: number;
  end: number;
  text: string;
}

/** Plants the mixed set into each article; an article lacking a place for a kind skips that kind. */
export function mixedSet(
  articles: readonly NamedText[],
  pairs: readonly MisspellingPair[],
  baseline: BaselineSpeller,
): PlantedText[] {
  const byRight = new Map<string, MisspellingPair>();
  for (const pair of pairs) {
    const right = pair.rights[0];
    if (right && /^\p{Ll}+$/u.test(right) && /^\p{L}+$/u.test(pair.wrong) && !byRight.has(right)) {
      byRight.set(right, pair);
    }
  }
  return articles.map((article, index) => {
    const random = seededRandom(1300 + index);
    const sentences = sentencesAt(article.text);
    const chosen: Edit[] = [];
    for (const kind of MIXED_KINDS) {
      const candidates = candidatesOf(kind, article.text, sentences, byRight, baseline).filter((edit) =>
        chosen.every((other) => edit.end + GAP < other.start || other.end + GAP < edit.start),
      );
      const edit = candidates[Math.floor(random() * candidates.length)];
      if (edit) chosen.push(edit);
    }
    const { text, planted } = plant(article.text, chosen);
    return { name: article.name, text, planted };
  });
}

/** The prose sentences of a text with their offsets (first occurrence of each). */
function sentencesAt(text: string): Sentence[] {
  const found: Sentence[] = [];
  let from = 0;
  for (const sentence of proseSentences(text)) {
    const start = text.indexOf(sentence, from);
    if (start === -1) continue;
    found.push({ start, end: start + sentence.length, text: sentence });
    from = start + sentence.length;
  }
  return found;
}

/** The words of a sentence with their offsets in the whole text. */
function tokens(sentence: Sentence): { word: string; start: number; end: number }[] {
  return [...sentence.text.matchAll(TOKEN)].map((match) => ({
    word: match[0],
    start: sentence.start + match.index,
    end: sentence.start + match.index + match[0].length,
  }));
}

function candidatesOf(
  kind: MixedKind,
  text: string,
  sentences: readonly Sentence[],
  byRight: ReadonlyMap<string, MisspellingPair>,
  baseline: BaselineSpeller,
): Edit[] {
  switch (kind) {
    case 'misspelling':
      return sentences.flatMap((sentence) =>
        tokens(sentence).flatMap((token) => {
          const pair = byRight.get(token.word);
          return pair
            ? [{ ...token, kind, replacement: inCaseOf(token.word, pair.wrong), correction: token.word }]
            : [];
        }),
      );
    case 'name-variant':
      return nameVariants(sentences);
    case 'run-together':
      return sentences.flatMap((sentence) =>
        neighbours(text, sentence).flatMap(([a, b]) => {
          const joined = a.word + b.word;
          const plain = (w: string) => /^\p{Ll}{3,}$/u.test(w);
          if (!plain(a.word) || !plain(b.word) || baseline.accepts(joined)) return [];
          return [
            {
              start: a.end,
              end: b.start,
              replacement: '',
              kind,
              before: a.word.length,
              after: b.word.length,
              correction: `${a.word} ${b.word}`,
            },
          ];
        }),
      );
    case 'doubled-word':
      return sentences.flatMap((sentence) =>
        neighbours(text, sentence).flatMap(([a, b]) =>
          DOUBLED.has(a.word) && baseline.accepts(b.word)
            ? [
                {
                  start: a.end,
                  end: a.end,
                  replacement: ` ${a.word}`,
                  kind,
                  before: a.word.length,
                  correction: a.word,
                },
              ]
            : [],
        ),
      );
    case 'quotation-mark':
      return sentences.flatMap((sentence) =>
        [...sentence.text.matchAll(/[“"](?=\p{L})[^“”"\n]{1,120}?(?<=[\p{L}.,!?])[”"]/gu)].map((match) => ({
          start: sentence.start + match.index,
          end: sentence.start + match.index + 1,
          replacement: '”',
          kind,
          correction: '“',
        })),
      );
    case 'space-before-punctuation':
      return sentences.flatMap((sentence) =>
        [...sentence.text.matchAll(/(?<=\p{L})[,;:](?= \p{L})/gu)].map((match) => {
          const at = sentence.start + match.index;
          return { start: at, end: at, replacement: ' ', kind, after: 1, correction: text.charAt(at) };
        }),
      );
    case 'missing-space':
      return sentences.slice(1).flatMap((next, i) => {
        const previous = sentences[i]!;
        const last = /(?<![\p{L}.])(\p{Ll}{2,})\.$/u.exec(previous.text)?.[1];
        const first = /^(\p{Lu}\p{Ll}+)\b/u.exec(next.text)?.[1];
        if (next.start !== previous.end + 1 || text.charAt(previous.end) !== ' ' || !last || !first)
          return [];
        if (!baseline.accepts(last) || !baseline.accepts(first)) return [];
        return [
          {
            start: previous.end,
            end: next.start,
            replacement: '',
            kind,
            before: last.length + 1,
            after: first.length,
            correction: `${last}. ${first}`,
          },
        ];
      });
  }
}

/** Consecutive word pairs of a sentence separated by exactly one space. */
function neighbours(text: string, sentence: Sentence) {
  const words = tokens(sentence);
  return words
    .slice(1)
    .map((b, i) => [words[i]!, b] as const)
    .filter(([a, b]) => b.start === a.end + 1 && text.charAt(a.end) === ' ');
}

/**
 * A name the text uses at least three times mid-sentence (a capitalised word of 5+ letters),
 * one of its later occurrences with two inner letters swapped: "Rotterdam" → "Rottedram".
 */
function nameVariants(sentences: readonly Sentence[]): Edit[] {
  const uses = new Map<string, { start: number; end: number }[]>();
  for (const sentence of sentences) {
    for (const token of tokens(sentence).slice(1)) {
      if (!/^\p{Lu}\p{Ll}{4,}$/u.test(token.word)) continue;
      uses.set(token.word, [...(uses.get(token.word) ?? []), token]);
    }
  }
  return [...uses].flatMap(([name, at]) => {
    if (at.length < 3) return [];
    const i = Math.floor(name.length / 2) - 1;
    const variant = name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
    if (variant === name) return [];
    return at.slice(1).map((token) => ({
      ...token,
      replacement: variant,
      kind: 'name-variant',
      correction: name,
    }));
  });
}
