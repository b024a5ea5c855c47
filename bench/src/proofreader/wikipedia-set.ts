/**
 * Wikipedia's common misspellings planted into real sentences: for each pair whose right word
 * stands (in lower case) in a prose sentence of the saved English articles, one such sentence
 * with that word replaced by the wrong form. A seeded sample, so every run plants the same.
 */
import { seededRandom } from '../anchoring/random.ts';
import type { MisspellingPair, NamedText } from './corpus.ts';
import { proseSentences } from './corpus.ts';
import { plant, shuffled, wholeWordOffsets } from './planting.ts';
import type { PlantedText } from './scoring.ts';

/** The seed of every sample the proofreader's bench draws (the issue's number). */
export const SAMPLE_SEED = 13;

/** The sample of planted sentences, at most `cap`; also how many pairs could have been planted. */
export function wikipediaSet(
  articles: readonly NamedText[],
  pairs: readonly MisspellingPair[],
  cap: number,
): { sentences: PlantedText[]; plantable: number } {
  const sentences = [...new Set(articles.flatMap((article) => proseSentences(article.text)))];
  const holding = new Map<string, number[]>();
  sentences.forEach((sentence, index) => {
    for (const word of new Set(sentence.match(/\p{L}+/gu) ?? [])) {
      holding.set(word, [...(holding.get(word) ?? []), index]);
    }
  });
  const plantable = pairs.filter(
    (pair) =>
      /^\p{L}+(?:'\p{L}+)*$/u.test(pair.wrong) &&
      /^\p{Ll}+$/u.test(pair.rights[0] ?? '') &&
      holding.has(pair.rights[0] ?? ''),
  );
  const random = seededRandom(SAMPLE_SEED);
  const planted = shuffled(plantable, random)
    .slice(0, cap)
    .map((pair): PlantedText => {
      const right = pair.rights[0] as string;
      const candidates = holding.get(right) as number[];
      const sentence = sentences[candidates[Math.floor(random() * candidates.length)] as number] as string;
      const start = wholeWordOffsets(sentence, right)[0] as number;
      const edit = { start, end: start + right.length, replacement: pair.wrong, kind: 'misspelling' };
      const { text, planted: mistakes } = plant(sentence, [{ ...edit, correction: pair.rights.join('|') }]);
      return { name: `${pair.wrong}->${right}`, text, planted: mistakes };
    });
  return { sentences: planted, plantable: plantable.length };
}
