/**
 * Hunspell dictionaries, loaded lazily per language into one shared WebAssembly Hunspell.
 * Spelling is checked against real Hunspell (affixes, compounds, casing rules) because the
 * pure-JavaScript ports take seconds and hundreds of megabytes for the larger languages.
 */
import type { Hunspell, HunspellFactory } from 'hunspell-asm';
import { BoundedCache } from './bounded-cache.ts';
import { type DictionaryId, dictionaryId, primaryLanguage, type SupportedLanguage } from './languages.ts';
import { NameIndex } from './name-index.ts';
import { placeNames } from './places.ts';

const SPELL_CACHE_SIZE = 50_000; // Distinct words remembered per language; ~5 MB at most.
const SUGGESTION_CACHE_SIZE = 2_000; // Misspellings whose suggestions are remembered per language.
const MAX_SUGGESTIONS = 5; // An editor reads a handful at most.
/** A place in each dictionary whose endings the added place names take. */
const PLACE_MODEL: Partial<Record<SupportedLanguage, string>> = { en: 'London' };
const MIN_NAME_LENGTH = 5; // Shorter names are too close to too many others to be evidence.

/** One language's dictionary: cached spelling and suggestions. */
export class Dictionary {
  readonly #hunspell: Hunspell;
  readonly #spelled = new BoundedCache<string, boolean>(SPELL_CACHE_SIZE);
  readonly #suggested = new BoundedCache<string, string[]>(SUGGESTION_CACHE_SIZE);
  readonly #oneEdit = new BoundedCache<string, OneEdit[]>(SUGGESTION_CACHE_SIZE);

  constructor(
    readonly lang: SupportedLanguage,
    /** Which of the language's dictionaries: "en-GB" for British English, else `lang`. */
    readonly id: DictionaryId,
    hunspell: Hunspell,
    /** The language's lower-case letters, most frequent first (the affix file's TRY line). */
    readonly alphabet: string,
    /** The dictionary's proper nouns: places, but people too. */
    readonly names: NameIndex,
    /** The language's well-known place names (`places.ts`). */
    readonly places: NameIndex,
  ) {
    this.#hunspell = hunspell;
  }

  /** Whether Hunspell accepts `word` as written (it accepts "Paris" for "paris", not the reverse). */
  accepts(word: string): boolean {
    const cached = this.#spelled.get(word);
    if (cached !== undefined) return cached;
    let accepted = this.#hunspell.spell(word);
    // Dictionaries spell apostrophes either way; text has both.
    if (!accepted && word.includes('’')) accepted = this.#hunspell.spell(word.replaceAll('’', "'"));
    this.#spelled.set(word, accepted);
    return accepted;
  }

  /**
   * The words the dictionary accepts one edit away (a letter dropped, added, changed, or two
   * swapped), with the edit that leads to each. Deterministic and a few milliseconds, unlike
   * Hunspell's suggestions: how close a typo's intended word is decides how sure a finding is.
   */
  wordsOneEditAway(written: string): OneEdit[] {
    const word = written.replaceAll('’', "'");
    const cached = this.#oneEdit.get(word);
    if (cached) return cached;
    const found: OneEdit[] = [];
    const seen = new Set<string>();
    for (const edit of oneEditAway(word, this.alphabet)) {
      if (seen.has(edit.word)) continue;
      seen.add(edit.word);
      if (this.#hunspell.spell(edit.word)) found.push(edit);
    }
    this.#oneEdit.set(word, found);
    return found;
  }

  /** Suggestions already computed for `word`, without computing any. */
  cachedSuggestions(word: string): string[] | undefined {
    return this.#suggested.get(word);
  }

  /** Hunspell's suggestions for a misspelt word, best first (15–40 ms uncached). */
  suggest(word: string): string[] {
    const cached = this.#suggested.get(word);
    if (cached) return cached;
    const suggestions = this.#hunspell.suggest(word.replaceAll('’', "'")).slice(0, MAX_SUGGESTIONS);
    const apostrophe = word.includes('’');
    const result = apostrophe ? suggestions.map((s) => s.replaceAll("'", '’')) : suggestions;
    this.#suggested.set(word, result);
    return result;
  }
}

/**
 * The dictionary's capitalised entries, which are names, except in German, where every noun
 * is capitalised and an index of them would trust common nouns as names.
 */
function properNouns(lang: SupportedLanguage, dic: Uint8Array): NameIndex {
  const index = new NameIndex();
  if (lang === 'de') return index;
  for (const match of new TextDecoder().decode(dic).matchAll(/^(\p{Lu}\p{Ll}[^/\s]*)/gmu)) {
    if (match[1]!.length >= MIN_NAME_LENGTH) index.add(match[1]!);
  }
  return index;
}

/** The TRY line's lower-case letters and apostrophe: the letters Hunspell itself tries when suggesting. */
function tryLetters(aff: Uint8Array): string {
  const line = /^TRY\s+(\S+)/m.exec(new TextDecoder().decode(aff))?.[1] ?? 'abcdefghijklmnopqrstuvwxyz';
  // Apostrophes too, where the language writes them inside words ("doesnt" → "doesn't").
  return [...new Set(line.match(/[\p{Ll}']/gu) ?? [])].join('');
}

/**
 * How a misspelling differs from a word: two letters swapped ("teh"), a letter missing
 * ("statment"), a letter doubled ("targetted"), an extra letter first ("rvalue"), another
 * extra letter, or a letter changed.
 */
export type EditKind = 'swap' | 'missing' | 'doubled' | 'extra-first' | 'extra' | 'changed';

export interface OneEdit {
  /** The dictionary word. */
  word: string;
  kind: EditKind;
}

function* oneEditAway(word: string, alphabet: string): Generator<OneEdit> {
  for (let i = 0; i + 1 < word.length; i++) {
    if (word[i] === word[i + 1]) continue;
    yield { word: word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2), kind: 'swap' };
  }
  for (let i = 0; i < word.length; i++) {
    const kind =
      word[i] === word[i - 1] || word[i] === word[i + 1] ? 'doubled' : i === 0 ? 'extra-first' : 'extra';
    yield { word: word.slice(0, i) + word.slice(i + 1), kind };
  }
  for (let i = 0; i <= word.length; i++) {
    for (const letter of alphabet) yield { word: word.slice(0, i) + letter + word.slice(i), kind: 'missing' };
  }
  for (let i = 0; i < word.length; i++) {
    for (const letter of alphabet) {
      if (letter !== word[i]) yield { word: word.slice(0, i) + letter + word.slice(i + 1), kind: 'changed' };
    }
  }
}

let factoryLoad: Promise<HunspellFactory> | undefined;
const dictionaryLoads = new Map<DictionaryId, Promise<Dictionary>>();

/**
 * The WebAssembly Hunspell, loaded once. Its emscripten glue installs a process-wide
 * `uncaughtException` listener that rethrows; it is removed so that the host's own error
 * handling (the server's, a test runner's) stays exactly as it was.
 */
function loadFactory(): Promise<HunspellFactory> {
  factoryLoad ??= (async () => {
    const uncaught = new Set(process.listeners('uncaughtException'));
    const unhandled = new Set(process.listeners('unhandledRejection'));
    try {
      const { loadModule } = await import('hunspell-asm');
      return await loadModule();
    } finally {
      for (const listener of process.listeners('uncaughtException')) {
        if (!uncaught.has(listener)) process.removeListener('uncaughtException', listener);
      }
      for (const listener of process.listeners('unhandledRejection')) {
        if (!unhandled.has(listener)) process.removeListener('unhandledRejection', listener);
      }
    }
  })();
  // A failed load may be retried by a later check rather than failing every check forever.
  factoryLoad.catch(() => {
    factoryLoad = undefined;
  });
  return factoryLoad;
}

async function dictionaryFiles(id: DictionaryId): Promise<{ aff: Uint8Array; dic: Uint8Array }> {
  // Literal specifiers so that bundlers and the module graph see every dictionary package.
  switch (id) {
    case 'en':
      return (await import('dictionary-en')).default;
    case 'en-GB':
      return (await import('dictionary-en-gb')).default;
    case 'ru':
      return (await import('dictionary-ru')).default;
    case 'uk':
      return (await import('dictionary-uk')).default;
    case 'de':
      return (await import('dictionary-de')).default;
    case 'fr':
      return (await import('dictionary-fr')).default;
    case 'es':
      return (await import('dictionary-es')).default;
    case 'pl':
      return (await import('dictionary-pl')).default;
    case 'cs':
      return (await import('dictionary-cs')).default;
    case 'it':
      return (await import('dictionary-it')).default;
    case 'pt':
      return (await import('dictionary-pt')).default;
  }
}

/** A dictionary ("en", "en-GB", "de"…); concurrent first calls share one load. */
export function dictionaryFor(id: DictionaryId): Promise<Dictionary> {
  let load = dictionaryLoads.get(id);
  if (!load) {
    load = (async () => {
      const lang = primaryLanguage(id) as SupportedLanguage;
      const [factory, files] = await Promise.all([loadFactory(), dictionaryFiles(id)]);
      const aff = factory.mountBuffer(files.aff, `${id}.aff`);
      const dic = factory.mountBuffer(files.dic, `${id}.dic`);
      const hunspell = factory.create(aff, dic);
      const places = placeNames(lang);
      // Declined like a place the dictionary has, so "Gothenburg’s" is right too.
      for (const place of places) hunspell.addWordWithAffix(place, PLACE_MODEL[lang] ?? place);
      const placeIndex = new NameIndex();
      for (const place of places) placeIndex.add(place);
      return new Dictionary(
        lang,
        id,
        hunspell,
        tryLetters(files.aff),
        properNouns(lang, files.dic),
        placeIndex,
      );
    })();
    dictionaryLoads.set(id, load);
    load.catch(() => dictionaryLoads.delete(id));
  }
  return load;
}

/**
 * Loads the dictionary a language tag picks ("en-GB" the British one) ahead of the first
 * check (a warm-up); an unsupported language has none and resolves at once.
 */
export async function loadDictionary(lang: string): Promise<void> {
  const id = dictionaryId(lang);
  if (id) await dictionaryFor(id);
}
