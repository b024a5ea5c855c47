/**
 * Punctuation spacing: a space before a comma or full stop ("harbour ,"), a doubled mark
 * (",,", ".."; but "...", "?!" and "!!" are meant), and a sentence run into the next
 * ("harbour.The"), never inside abbreviations, domains, file names, numbers or initials.
 */
import { isAccepted } from '../accepted-words.ts';
import type { Finding } from '../finding.ts';
import { inRanges } from '../tokenize.ts';
import { confidence } from './confidence.ts';
import type { RuleContext } from './rule.ts';

// A word or closing mark, spaces, then a mark that should touch the word, then a space or the end.
const SPACE_BEFORE = /(\p{L}+|[”’»«“)\]])([ \t\u00a0\u202f]+)([,.;:!?])(?=\s|$)/gu;
// French sets ; : ! ? apart with a (narrow) no-break space, and many write a plain space.
const FRENCH_SPACED = new Set([';', ':', '!', '?']);
// Two of the same mark, or a comma and a stop, between a word and a space: never three dots,
// nor an abbreviation's stop before a comma ("etc.,", "Inc.,").
const DOUBLED = /(?<=[\p{L}”’»)])(,,|;;|::|(?<!\.)\.\.(?!\.)|,\.|;,|,;)(?=\s|$)/gu;
// A lower-case word, a sentence's end and a capitalised word with no space: "harbour.The".
const RUN_TOGETHER = /(?<![\p{L}\p{N}.@/])(\p{Ll}{2,})([.!?])(\p{Lu}\p{Ll}+)(?![\p{L}\p{N}]|\.\p{L}|\/)/gu;

export function punctuationSpacing(context: RuleContext): Finding[] {
  const { text, lang, skipped, dictionary } = context;
  const findings: Finding[] = [];
  const add = (start: number, end: number, message: string, suggestion: string, sure: number) => {
    if (inRanges(skipped, start, end)) return;
    findings.push({
      start,
      end,
      text: text.slice(start, end),
      rule: 'punctuation-spacing',
      message,
      suggestions: [suggestion],
      confidence: sure,
    });
  };
  for (const match of text.matchAll(SPACE_BEFORE)) {
    const [, word, , mark] = match as unknown as [string, string, string, string];
    if (lang === 'fr' && FRENCH_SPACED.has(mark)) continue;
    // "wait ..." and "A :" in a list of options are styles, not slips; only , . ; : ! ? after a word.
    if (mark === '.' && text[match.index + match[0].length] === '.') continue;
    add(
      match.index,
      match.index + match[0].length,
      `A space before “${mark}”.`,
      word + mark,
      confidence.spacing,
    );
  }
  for (const match of text.matchAll(DOUBLED)) {
    const marks = match[0];
    const single = marks.includes('.') ? '.' : marks[0]!;
    add(
      match.index,
      match.index + marks.length,
      `“${marks}”: one mark is enough.`,
      single,
      confidence.spacing,
    );
  }
  for (const match of text.matchAll(RUN_TOGETHER)) {
    const [whole, before, mark, after] = match as unknown as [string, string, string, string];
    // A word the dictionary lacks before the stop may be code ("foo.Bar") rather than prose.
    if (dictionary && !isAccepted(dictionary, before)) continue;
    add(
      match.index,
      match.index + whole.length,
      `No space after “${mark}” between two sentences.`,
      `${before}${mark} ${after}`,
      confidence.missingSpace,
    );
  }
  return findings;
}
