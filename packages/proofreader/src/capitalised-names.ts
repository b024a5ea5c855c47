import { tokenize } from './tokenize.ts';

/**
 * The capitalised words of a text that do not open a sentence: mostly names. The server
 * counts them across a site's pages and passes the frequent ones back as `knownWords`, so a
 * name the site has published many times is never reported as a misspelling.
 *
 * @example capitalisedNames('Then Daniel Osei met Jude.', 'en') // ['Daniel', 'Osei', 'Jude']
 */
export function capitalisedNames(text: string, _lang: string): string[] {
  return tokenize(text)
    .filter(
      (word) => !word.skipped && !word.sentenceStart && word.shape === 'capitalised' && word.text.length > 1,
    )
    .map((word) => word.text.replace(/['’]s$/u, ''));
}
