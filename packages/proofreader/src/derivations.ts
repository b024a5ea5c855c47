/**
 * English words made from a dictionary word with a productive prefix or suffix ("retrigger",
 * "tokenize", "waivable", "verifiers"). Hunspell lists only the common derivations; the rest
 * are right words an editor would not call mistakes, so they stay below the threshold.
 */
import type { Dictionary } from './dictionary.ts';

const PREFIXES = [
  're',
  'un',
  'de',
  'pre',
  'non',
  'sub',
  'co',
  'multi',
  'auto',
  'inter',
  'intra',
  'over',
  'under',
  'super',
  'micro',
  'macro',
  'mega',
  'mini',
  'hyper',
  'ultra',
  'meta',
  'anti',
  'semi',
  'pseudo',
  'proto',
  'post',
  'trans',
  'counter',
  'cyber',
  'nano',
  'neo',
  'geo',
  'bio',
  'eco',
];
// [ending, what it replaces on the stem] — "verifiers" is "verify" + "ers" with y → i.
const SUFFIXES: Array<[string, string[]]> = [
  ['s', ['']],
  ['es', ['']],
  ['ies', ['y']],
  ['ied', ['y']],
  ['ier', ['y']],
  ['iers', ['y']],
  ['ed', ['', 'e']],
  ['ing', ['', 'e']],
  ['er', ['', 'e']],
  ['ers', ['', 'e']],
  ['or', ['', 'e']],
  ['ors', ['', 'e']],
  ['able', ['', 'e']],
  ['ible', ['', 'e']],
  ['ize', ['', 'e']],
  ['izes', ['', 'e']],
  ['ized', ['', 'e']],
  ['izing', ['', 'e']],
  ['ise', ['', 'e']],
  ['ly', ['']],
  ['ness', ['']],
  ['less', ['']],
  ['ment', ['']],
  ['ity', ['', 'e']],
  ['ability', ['', 'e']],
  ['ibility', ['', 'e']],
  ['ful', ['']],
  ['ee', ['', 'e']],
  ['ees', ['', 'e']],
  ['ator', ['e', '']],
  ['ators', ['e', '']],
  ['ey', ['', 'e']],
  ['ism', ['']],
  ['ist', ['']],
  ['ists', ['']],
];
// Endings after which a consonant is doubled ("occurred", "formatting"): the undoubled form
// is a classic misspelling, not a derivation.
const DOUBLING_SUFFIXES = new Set(['ed', 'ing', 'er', 'ers']);
const MIN_PREFIXED_STEM = 3; // "sub" + "net".
const MIN_STEM = 4; // Letters a stem keeps: "bus" + "ness" is no derivation.

function endsConsonantVowelConsonant(stem: string): boolean {
  return /[^aeiou][aeiou][bcdfgklmnprstvz]$/.test(stem);
}

/** Whether `word` (lower-case) is a dictionary word with an English prefix or suffix added. */
export function isEnglishDerivation(dictionary: Dictionary, word: string): boolean {
  for (const prefix of PREFIXES) {
    const stem = word.slice(prefix.length);
    if (word.startsWith(prefix) && stem.length >= MIN_PREFIXED_STEM && dictionary.accepts(stem)) return true;
  }
  for (const [suffix, restorations] of SUFFIXES) {
    if (!word.endsWith(suffix)) continue;
    const base = word.slice(0, -suffix.length);
    if (DOUBLING_SUFFIXES.has(suffix) && endsConsonantVowelConsonant(base)) continue;
    // "lazyness": a consonant and y before a consonant ending turn the y into i.
    if (/[^aeiou]y$/.test(base) && /^[^aeiouy]/.test(suffix)) continue;
    // "hikeing": the e kept before -ing where the dictionary drops it ("hiking").
    if (suffix === 'ing' && /[^aeiouy]e$/.test(base) && dictionary.accepts(base.slice(0, -1) + suffix))
      continue;
    for (const restoration of restorations) {
      const stem = base + restoration;
      if (stem.length >= MIN_STEM && dictionary.accepts(stem)) return true;
    }
  }
  return false;
}
