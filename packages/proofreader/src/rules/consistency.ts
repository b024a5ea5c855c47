/**
 * Consistency: a rare capitalised word one or two edits from a name the text, the site or the
 * dictionary trusts ("Roterdam" once, "Rotterdam" three times). Dictionaries cannot know every
 * name, but a name spelt two ways in one text is spelt wrong at least once.
 */

import { checkableWords, isAccepted } from '../accepted-words.ts';
import { editDistance } from '../edit-distance.ts';
import type { Finding } from '../finding.ts';
import { LANGUAGE_NAMES } from '../languages.ts';
import type { Word } from '../tokenize.ts';
import { confidence } from './confidence.ts';
import type { RuleContext } from './rule.ts';

const MIN_LENGTH = 4; // Shorter capitalised words are initials, articles, or too close to each other.
const RARE = 2; // At most this many uses make a spelling the odd one out.
const TRUSTED_TEXT_USES = 2; // A spelling used this often in the text, and more than the rare one, is trusted.
const TRUSTED_PERSON_USES = 3; // ... and this often when the rare one stands beside another name.
const LONG_NAME = 8; // Letters from which two edits still make a near miss rather than another name.

// Letters a case or number ending is made of: "Москвы" is "Москва" declined, not misspelt.
const ENDING_LETTERS: Record<string, string> = {
  ru: 'аяуюеиыоёйьмхв',
  uk: 'аяуюеиіїєоьймхв',
  pl: 'aeiouyąęóm',
  cs: 'aeiouyáéíóúůýěm',
};
/** Prepositions of place: a capitalised word after one names a place. */
const PLACE_PREPOSITIONS: Record<string, ReadonlySet<string>> = {
  en: new Set(['in', 'from', 'to', 'at', 'near', 'via', 'outside', 'around', 'across', 'towards', 'toward']),
  ru: new Set(['в', 'во', 'из', 'до', 'под', 'около', 'через']),
  uk: new Set(['в', 'у', 'з', 'із', 'до', 'біля', 'через']),
  de: new Set(['in', 'aus', 'nach', 'bei']),
  fr: new Set(['à', 'de', 'en', 'vers']),
  es: new Set(['en', 'de', 'a', 'desde', 'hacia']),
  it: new Set(['a', 'in', 'da', 'verso']),
  pt: new Set(['em', 'de', 'para']),
  pl: new Set(['w', 'we', 'z', 'ze', 'do', 'pod']),
  cs: new Set(['v', 've', 'z', 'ze', 'do', 'u']),
};
const VOWELS = 'aeiouyáéíóúàèìòùâêîôûäëïöü';

interface NameUses {
  form: string;
  words: Word[];
  midSentence: number;
  /** Some use stands beside another capitalised word, as in "Priya Desai": a person's name. */
  besideName: boolean;
  /** Some use follows a preposition of place ("in", "from"): a place's name. */
  afterPlacePreposition: boolean;
}

interface Trusted {
  name: string;
  uses: number;
  source: 'text' | 'site' | 'place' | 'dictionary';
  /** Some of the uses are inflected forms ("Минске" for "Минска"). */
  inflected?: boolean;
}

function nameForm(word: string): string {
  return word.replace(/['’]s$|['’]$/u, '');
}

/** Whether `a` and `b` are one name inflected, possessive or plural, rather than two spellings. */
export function isInflection(a: string, b: string, lang: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (long.startsWith(short) && long.length - short.length <= 3) return true;
  let common = 0;
  while (common < short.length && a[common] === b[common]) common++;
  if (common < MIN_LENGTH) return false;
  const tails = a.slice(common) + b.slice(common);
  if (a.length - common > 3 || b.length - common > 3) return false;
  const endings = ENDING_LETTERS[lang] ?? VOWELS;
  return [...tails.toLowerCase()].every((letter) => endings.includes(letter));
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const differ = [...a].flatMap((letter, i) => (letter === b[i] ? [] : [i]));
  return differ.length === 2 && differ[1] === differ[0]! + 1 && a[differ[0]!] === b[differ[1]!];
}

function collectNames(context: RuleContext): Map<string, NameUses> {
  const names = new Map<string, NameUses>();
  const words = checkableWords(context);
  words.forEach((word, i) => {
    if (word.shape !== 'capitalised') return;
    const form = nameForm(word.text);
    if (form.length < MIN_LENGTH) return;
    let uses = names.get(form);
    if (!uses) {
      uses = { form, words: [], midSentence: 0, besideName: false, afterPlacePreposition: false };
      names.set(form, uses);
    }
    uses.words.push(word);
    if (!word.sentenceStart) uses.midSentence++;
    const before = /(\p{L}+)\s+$/u.exec(context.text.slice(Math.max(0, word.start - 20), word.start))?.[1];
    if (before && PLACE_PREPOSITIONS[context.lang]?.has(before.toLowerCase()))
      uses.afterPlacePreposition = true;
    const neighbours = [words[i - 1], words[i + 1]];
    if (
      neighbours.some(
        (other) =>
          other?.shape === 'capitalised' &&
          /^[ \u00a0]$/u.test(
            context.text.slice(Math.min(other.end, word.end), Math.max(other.start, word.start)),
          ),
      )
    ) {
      uses.besideName = true;
    }
  });
  return names;
}

/** Each form's uses counted with its inflections' ("Минск", "Минска", "Минске": 3 each). */
function familyUses(names: Map<string, NameUses>, lang: string): Map<string, number> {
  const byPrefix = new Map<string, NameUses[]>();
  for (const uses of names.values()) {
    const prefix = uses.form.slice(0, MIN_LENGTH);
    const group = byPrefix.get(prefix);
    if (group) group.push(uses);
    else byPrefix.set(prefix, [uses]);
  }
  const counts = new Map<string, number>();
  for (const group of byPrefix.values()) {
    for (const uses of group) {
      const family = group.filter((other) => other === uses || isInflection(uses.form, other.form, lang));
      counts.set(
        uses.form,
        family.reduce((sum, other) => sum + other.words.length, 0),
      );
    }
  }
  return counts;
}

export function consistency(context: RuleContext): Finding[] {
  const { dictionary, known, lang } = context;
  const names = collectNames(context);
  const families = familyUses(names, lang);
  // A frequent spelling is a trusted name only if it is one, not a common word opening
  // sentences: the dictionary rejects it in lower case, or it is capitalised mid-sentence
  // ("Whole Foods", "Stack Overflow") twice, or once without a dictionary.
  const frequent = [...names.values()].filter(
    (uses) =>
      (families.get(uses.form) ?? 0) >= TRUSTED_TEXT_USES &&
      (dictionary
        ? !dictionary.accepts(uses.form.toLowerCase()) || uses.midSentence >= 2
        : uses.midSentence > 0),
  );
  const findings: Finding[] = [];
  for (const rare of names.values()) {
    const uses = families.get(rare.form) ?? 0;
    if (uses > RARE || known.has(rare.form)) continue;
    const rejected = dictionary ? !isAccepted(dictionary, rare.form) : true;
    // Without a dictionary's word, only a longer name is evidence enough.
    if (!dictionary && rare.form.length < 6) continue;
    const maxDistance = rare.form.length >= LONG_NAME ? 2 : 1;
    const close = (name: string) =>
      name[0] === rare.form[0] &&
      !isInflection(rare.form, name, lang) &&
      editDistance(rare.form, name, maxDistance) <= maxDistance &&
      // A right word ("Minks") is a variant only when it is a swap of two letters of the name.
      (rejected || (rare.form.length >= 5 && isTransposition(rare.form, name)));
    const candidates: Trusted[] = [];
    for (const other of frequent) {
      // Beside another name ("Yastuaka Tsutsui"), only a swap of two letters is as sure with two uses.
      const needed =
        rare.besideName && !isTransposition(rare.form, other.form) ? TRUSTED_PERSON_USES : TRUSTED_TEXT_USES;
      const otherUses = families.get(other.form) ?? 0;
      if (otherUses >= Math.max(needed, uses + 1) && close(other.form)) {
        candidates.push({
          name: other.form,
          uses: otherUses,
          source: 'text',
          inflected: otherUses > other.words.length,
        });
      }
    }
    for (const name of known.names) {
      if (close(name)) candidates.push({ name, uses: 0, source: 'site' });
    }
    // Well-known places vouch for a near spelling, and so do the dictionary's names where the
    // word stands as a place ("from Roterdam"): they hold people too, and "Jonathon Smith" or
    // "Brunner, Thomas" may well be right.
    if (dictionary && rejected && !rare.besideName && rare.form.length >= 5) {
      for (const { name } of dictionary.places.near(rare.form, maxDistance)) {
        if (close(name)) candidates.push({ name, uses: 0, source: 'place' });
      }
      const names = rare.afterPlacePreposition ? dictionary.names.near(rare.form, maxDistance) : [];
      for (const { name } of names) {
        if (close(name) && !dictionary.accepts(name.toLowerCase())) {
          candidates.push({ name, uses: 0, source: 'dictionary' });
        }
      }
    }
    const best = candidates.sort(
      (a, b) =>
        b.uses - a.uses ||
        editDistance(rare.form, a.name, maxDistance) - editDistance(rare.form, b.name, maxDistance),
    )[0];
    if (!best) continue;
    for (const word of rare.words) {
      findings.push({
        start: word.start,
        end: word.start + rare.form.length,
        text: rare.form,
        rule: 'consistency',
        message: message(rare.form, best, lang),
        suggestions: [best.name],
        confidence:
          best.source === 'text' && best.uses >= 3 ? confidence.variantOfFrequent : confidence.variant,
      });
    }
  }
  return findings;
}

function message(rare: string, trusted: Trusted, lang: string): string {
  if (trusted.source === 'text')
    return `“${rare}” here, “${trusted.name}” ${trusted.uses} times elsewhere in this text.`;
  if (trusted.source === 'site') return `“${rare}” is close to “${trusted.name}”, a name this site uses.`;
  if (trusted.source === 'place') return `“${rare}” is close to “${trusted.name}”, a well-known place.`;
  const language = LANGUAGE_NAMES[lang as keyof typeof LANGUAGE_NAMES] ?? '';
  return `“${rare}” is close to the name “${trusted.name}” in the ${language} dictionary.`;
}
