/**
 * Words of a text with their offsets, and what kind of word each is, so that rules never
 * mistake a URL, a file name, an acronym or a product name for a misspelling.
 */

/** How a word is capitalised: only `lower` and `capitalised` words are checked for spelling. */
export type WordShape = 'lower' | 'capitalised' | 'upper' | 'mixed';

export interface Word {
  /** The word as written, apostrophes and hyphens included. */
  text: string;
  /** Offset of its first UTF-16 code unit in the text. */
  start: number;
  /** Offset just past it. */
  end: number;
  shape: WordShape;
  /** Starts a sentence, a line or the text: its capital says nothing about being a name. */
  sentenceStart: boolean;
  /** Part of a URL, an address, a file name or code, or holds digits: not prose. */
  skipped: boolean;
}

// Letters and marks with inner apostrophes and hyphens; digits and underscores are taken in
// so that "5pm" or "RV0901" is one word that can be skipped whole.
const WORD = /[\p{L}\p{M}\p{N}_]+(?:['’‐-][\p{L}\p{M}\p{N}_]+)*/gu;
// A run of non-space characters that is not prose: a URL, an e-mail address, a path, markup;
// a hashtag, "about:config"; a slash too, since "owner/repo" is far more common in the texts we read than "and/or".
const CODE_LIKE_CHUNK = /:\/\/|^www\.|[@/\\{}<>=_|~`]|\p{L}[.:]\p{L}|&#?\w+;|^#\p{L}/u;
// "harbour.The": a word, a full stop and a capitalised word, nothing between: a missing space.
const SENTENCE_JOINT = /\p{Ll}{2}\.\p{Lu}\p{Ll}/u;
const CODE_SPAN = /`[^`\n]+`/g;
const CODE_BLOCK = /^\s*(```|~~~)[^\n]*\n[\s\S]*?^\s*\1/gm; // A Markdown fenced block.
// A line of code or data in the text (a JSON response, a shell command): braces, a quoted key,
// an arrow, a statement's semicolon, a prompt.
const CODE_LINE = /[{}]|"\s*:|=>|;\s*$|^\s*(?:\$ |curl |npm |npx |git |\/\/|#!)/;
// A Markdown heading all in lower case names a package or a command, not a sentence.
const LOWER_CASE_HEADING = /^\s*#+\s[^\p{Lu}]*$/u;
// "(jeromew)", "(GPL)": a lone word in brackets is an attribution or an abbreviation.
const BRACKETED_WORD = /\(\s*[\p{L}\p{N}_.-]+\s*\)/gu;
// "entity(ies)", "individual(s)": an ending in brackets glued to its word.
const BRACKETED_ENDING = /\p{L}\([\p{L}]+\)/gu;
// What may stand between a sentence's end and its first word: spaces, quotes, brackets, bullets.
const SENTENCE_OPENERS = /[\s"'“”‘’«»„‚‹›()[\]–—•*#>-]/u;
const SENTENCE_END = /[.!?…:]/u;

export function wordShape(word: string): WordShape {
  const letters = word.replace(/[^\p{L}]/gu, '');
  if (letters === letters.toLowerCase()) return 'lower';
  if (letters.length > 1 && letters === letters.toUpperCase()) return 'upper';
  // Each hyphenated part may be capitalised on its own: "Jean-Pierre", "post-Brexit".
  const parts = word.split(/['’‐-]/);
  const partsFine = parts.every((part) => {
    const rest = part.slice(1);
    return rest === rest.toLowerCase();
  });
  const first = letters[0] ?? '';
  if (partsFine && first !== first.toLowerCase()) return 'capitalised';
  return 'mixed';
}

/** Where the text is not prose (code, URLs, addresses, package names), sorted by start. */
export function skippedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const pattern of [CODE_SPAN, CODE_BLOCK]) {
    for (const match of text.matchAll(pattern)) ranges.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(/[^\n]+/g)) {
    if (CODE_LINE.test(match[0]) || LOWER_CASE_HEADING.test(match[0])) {
      ranges.push([match.index, match.index + match[0].length]);
    }
  }
  for (const pattern of [BRACKETED_WORD, BRACKETED_ENDING]) {
    for (const match of text.matchAll(pattern)) ranges.push([match.index, match.index + match[0].length]);
  }
  for (const match of text.matchAll(/\S+/g)) {
    const chunk = match[0];
    if (!CODE_LIKE_CHUNK.test(chunk)) continue;
    // "harbour.The" is prose with a missing space, not a domain; the punctuation rule reports it.
    if (SENTENCE_JOINT.test(chunk) && !/[@/\\{}<>=_|~`]|:\/\//.test(chunk) && !isDomainLike(chunk)) continue;
    ranges.push([match.index, match.index + chunk.length]);
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

// "Example.Com" and "Node.JS" stay skipped: a joint only when every dotted part is a plain word.
function isDomainLike(chunk: string): boolean {
  const core = chunk.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return core.split('.').some((part) => part.length > 0 && !/^\p{L}[\p{Ll}\p{M}'’-]*$/u.test(part));
}

export function isSentenceStart(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && SENTENCE_OPENERS.test(text[i]!)) {
    if (text[i] === '\n') return true;
    i--;
  }
  return i < 0 || SENTENCE_END.test(text[i]!);
}

/** Whether `[start, end)` overlaps one of `ranges`. */
export function inRanges(ranges: Array<[number, number]>, start: number, end: number): boolean {
  return ranges.some(([from, to]) => from < end && start < to);
}

export function tokenize(text: string, ranges = skippedRanges(text)): Word[] {
  const words: Word[] = [];
  let range = 0;
  for (const match of text.matchAll(WORD)) {
    // "$119-a-year", "2-year-old": the parts with digits, and the prefixes or units joined to
    // them ("pre-6.8", "COVID-19"), are skipped; the words beyond them are prose.
    const pieces = /\p{N}/u.test(match[0]) ? [...match[0].matchAll(/[^'’‐-]+/gu)] : [match];
    const numeric = pieces.map((piece) => /[\p{N}_]/u.test(piece[0]));
    pieces.forEach((piece, i) => {
      const start = match.index + (piece === match ? 0 : piece.index);
      const end = start + piece[0].length;
      while (range < ranges.length && ranges[range]![1] <= start) range++;
      const inSkipped = range < ranges.length && ranges[range]![0] < end;
      words.push({
        text: piece[0],
        start,
        end,
        shape: wordShape(piece[0]),
        sentenceStart: isSentenceStart(text, start),
        skipped: inSkipped || numeric[i]! || numeric[i - 1] === true || numeric[i + 1] === true,
      });
    });
  }
  return words;
}
