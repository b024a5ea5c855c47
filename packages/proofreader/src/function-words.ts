/**
 * Short, frequent words per language: the ones writers run into their neighbour ("theyear",
 * "ofthe", "inorder"). A run-together word with one of them is a missing space; two longer
 * words together ("filename", "lifecycle") are usually a closed compound the author meant.
 */
const FUNCTION_WORDS: Record<string, readonly string[]> = {
  en: 'a an the of to in on at by for from with as and or but nor if so is are was were be been it its this that these those he she we they you his her our their my your not no than then each into onto over about after before'.split(
    ' ',
  ),
  fr: 'le la les un une des de du au aux et ou en dans sur par pour avec ce cette ces il elle ils nous vous ne pas que qui est'.split(
    ' ',
  ),
  es: 'el la los las un una de del al en con por para que y o es se su sus lo le no'.split(' '),
  it: 'il lo la i gli le un una di del della da in con su per che e o è non si'.split(' '),
  pt: 'o a os as um uma de do da dos das em no na com por para que e ou é se não'.split(' '),
  ru: 'в на с по к о и а но не что как из за от до для это он она они мы вы'.split(' '),
  uk: 'в у на з із по до за від для що як і й а але не це він вона вони ми ви'.split(' '),
  pl: 'w na z ze do od po za dla i a ale nie to że jak się jest o przez'.split(' '),
  cs: 'v na z ze do od po za pro a i ale ne to že jak se je o přes'.split(' '),
};

/**
 * The commonest words of a language beyond its function words: a short unknown word one slip
 * from one of them ("wich", "tyhe", "knwo") is a typo, not an abbreviation.
 */
const COMMON_WORDS: Record<string, readonly string[]> = {
  en: 'which what who whom whose when where why how there here have has had will would could should shall can did does done them then also just more most some any all one two three out up down very only such make made like know your been being said says much many well back even good new old first last long time year years day days way work part take come came went give gave look find found think told tell want same still while must use used help seem seems keep let put say see seen get got going other people world life hand place case week company number group problem fact right left high small large great little own big next few public able early young important different really never always often because should though through during without again against between under every another something nothing anything everything those these each both either neither'.split(
    ' ',
  ),
};

/**
 * Words that follow another word but never end a compound: pronouns and auxiliaries
 * ("wouldhave", "criticizeshim"). Nouns and particles ("end", "down", "only") are left out:
 * "backend", "dropdown", "readonly" are compounds of technical prose.
 */
const WORDS_AFTER_WORDS: Record<string, readonly string[]> = {
  en: 'the and but for not you your our its his her him she they them their there this that these those with from were was will would could should have has had been being before after about which what when where who than then also'.split(
    ' ',
  ),
};

const SETS = new Map(Object.entries(FUNCTION_WORDS).map(([lang, words]) => [lang, new Set(words)]));

const COMMON_SETS = new Map(Object.entries(COMMON_WORDS).map(([lang, words]) => [lang, new Set(words)]));

export function isFunctionWord(lang: string, word: string): boolean {
  return SETS.get(lang)?.has(word.toLowerCase()) ?? false;
}

const AFTER_SETS = new Map(Object.entries(WORDS_AFTER_WORDS).map(([lang, words]) => [lang, new Set(words)]));

/** A pronoun or auxiliary: a word run into the word before it loses a space ("wouldhave"). */
export function isWordAfterWord(lang: string, word: string): boolean {
  return AFTER_SETS.get(lang)?.has(word.toLowerCase()) ?? false;
}

/** A function word or one of the language's commonest words. */
export function isCommonWord(lang: string, word: string): boolean {
  return isFunctionWord(lang, word) || (COMMON_SETS.get(lang)?.has(word.toLowerCase()) ?? false);
}
