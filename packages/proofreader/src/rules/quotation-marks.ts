/**
 * Quotation marks: each language pairs its own marks (English “…”, German „…“ and »…«,
 * French « … », Russian «…» and „…“). Reported: an opening mark where a closing one belongs
 * (“electric“), another language's marks (»quiet room« in English), a quotation left open at
 * the end of its paragraph (less sure: long quotations may run on). Single marks are left
 * alone: ’ is far more often an apostrophe (don’t, teachers’) than a closing quote.
 */
import type { Finding } from '../finding.ts';
import { inRanges } from '../tokenize.ts';
import { confidence } from './confidence.ts';
import type { RuleContext } from './rule.ts';

/** Opening mark → the closing mark that pairs with it, per language. */
const CONVENTIONS: Record<string, Record<string, string>> = {
  en: { '“': '”' },
  de: { '„': '“', '»': '«' },
  fr: { '«': '»', '“': '”' },
  ru: { '«': '»', '„': '“' },
  uk: { '«': '»', '„': '“' },
  pl: { '„': '”', '«': '»' },
  cs: { '„': '“', '»': '«' },
  es: { '«': '»', '“': '”' },
  it: { '«': '»', '“': '”' },
  pt: { '«': '»', '“': '”' },
};
/** For a language without a convention here: every pairing some language uses. */
const NEUTRAL: Record<string, string> = { '“': '”', '„': '“', '»': '«', '«': '»', '”': '”' };
const ALL_PAIRS: Array<[string, string]> = [
  ['“', '”'],
  ['„', '“'],
  ['„', '”'],
  ['»', '«'],
  ['«', '»'],
  ['”', '”'],
];
const MARKS = /[“”„«»]/g;
// Marks some language opens quotations with; ” is not one of them.
const OPENERS_ANYWHERE = new Set(['“', '„', '«', '»']);
const HOUSE_STYLE_QUOTATIONS = 3; // Quotations in another convention that make it a house style.
const SHORT_QUOTATION = 60; // Characters up to which a finding shows the whole quotation.
// Around an opening mark: the start, a space, a bracket, a dash or another mark.
const BEFORE_OPENING = /^$|[\s([{\-–—/“”„«»‘‚]$/u;
// After a closing mark: the end, a space or punctuation.
const AFTER_CLOSING = /^$|^[\s.,;:!?)\]}…\-–—“”„«»’]/u;

interface Open {
  mark: string;
  index: number;
  /** The mark is not one of this language's. */
  foreign: boolean;
}

export function quotationMarks(context: RuleContext): Finding[] {
  const { text, lang, skipped } = context;
  const convention = CONVENTIONS[lang] ?? NEUTRAL;
  const closers = new Set(Object.values(convention));
  const findings: Finding[] = [];
  let quotations = 0;
  const lines = [...text.matchAll(/[^\n]+/g)];
  lines.forEach((line, lineIndex) => {
    const stack: Open[] = [];
    for (const match of line[0].matchAll(MARKS)) {
      const mark = match[0];
      const index = line.index + match.index;
      if (inRanges(skipped, index, index + 1)) continue;
      if (opens(text, index, convention, closers, stack.length > 0)) {
        // ” opening a quotation ("”I thought"): no language opens with it, so it is a slip,
        // not another convention.
        const opener = Object.keys(convention).find((key) => convention[key] === mark);
        if (convention !== NEUTRAL && opener && !(mark in convention) && !OPENERS_ANYWHERE.has(mark)) {
          findings.push({
            start: index,
            end: index + 1,
            text: mark,
            rule: 'quotation-marks',
            message: `The quotation opens with ${mark}, a closing mark; it opens with ${opener}.`,
            suggestions: [opener],
            confidence: confidence.wrongOpeningMark,
          });
          stack.push({ mark: opener, index, foreign: false });
          continue;
        }
        stack.push({ mark, index, foreign: !(mark in convention) });
        continue;
      }
      const open = stack.pop();
      if (!open) continue; // A closing mark with no opening one: too often a quotation's continuation.
      quotations++;
      const expected = convention[open.mark];
      if (expected === mark) continue;
      const pairedElsewhere = ALL_PAIRS.some(([o, c]) => o === open.mark && c === mark);
      if (convention === NEUTRAL && pairedElsewhere) continue;
      const end = index + 1;
      if (open.foreign || !(mark in convention || closers.has(mark))) {
        if (!pairedElsewhere && !open.foreign) continue;
        // Another convention's pair: offer this language's primary marks.
        const [primaryOpen, primaryClose] = Object.entries(convention)[0]!;
        findings.push(
          quotationFinding(
            text,
            open.index,
            end,
            primaryOpen,
            primaryClose,
            `“${open.mark}…${mark}” are not the quotation marks of this language; it writes ${primaryOpen}…${primaryClose}.`,
            confidence.foreignQuotes,
          ),
        );
        continue;
      }
      if (expected) {
        findings.push(
          quotationFinding(
            text,
            open.index,
            end,
            open.mark,
            expected,
            closingMessage(open.mark, mark, expected, convention),
            confidence.wrongClosingMark,
          ),
        );
      }
    }
    // A quotation left open: journalism reopens every paragraph of a long quotation, so a
    // paragraph that starts with a mark continues it.
    const next = lines[lineIndex + 1]?.[0].trimStart() ?? '';
    const continues = /^[“„«»]/.test(next);
    for (const open of stack) {
      if (continues) break;
      findings.push({
        start: open.index,
        end: open.index + 1,
        text: open.mark,
        rule: 'quotation-marks',
        message: `This quotation opens with ${open.mark} and is not closed in its paragraph.`,
        suggestions: [],
        confidence: confidence.unclosedQuote,
      });
    }
  });
  // A text that quotes in another convention throughout follows a house style, not a slip.
  const foreign = findings.filter((finding) => finding.confidence === confidence.foreignQuotes);
  if (foreign.length >= HOUSE_STYLE_QUOTATIONS && foreign.length * 2 >= quotations) {
    for (const finding of foreign) finding.confidence = confidence.houseStyleQuotes;
  }
  return findings;
}

function closingMessage(
  open: string,
  close: string,
  expected: string,
  convention: Record<string, string>,
): string {
  const role = close in convention ? ', an opening mark' : '';
  return `The quotation opened with ${open} closes with ${close}${role}; it closes with ${expected}.`;
}

/**
 * Whether the mark at `index` opens a quotation: by where it stands (after a space, before a
 * word), or, when it stands alone as in French « … », by what the mark does in the language.
 */
function opens(
  text: string,
  index: number,
  convention: Record<string, string>,
  closers: ReadonlySet<string>,
  quoting: boolean,
): boolean {
  const mark = text[index]!;
  const before = text.slice(Math.max(0, index - 1), index);
  const after = text.slice(index + 1, index + 2);
  const opensHere = BEFORE_OPENING.test(before) && !/^\s?$/u.test(after);
  const closesHere = AFTER_CLOSING.test(after) && !/^\s$/u.test(before);
  if (opensHere !== closesHere) return opensHere;
  if (mark in convention && !closers.has(mark)) return true;
  if (closers.has(mark)) return false;
  return !quoting;
}

function quotationFinding(
  text: string,
  start: number,
  end: number,
  open: string,
  close: string,
  message: string,
  sure: number,
): Finding {
  // A short quotation is shown whole, so the suggestion reads as the corrected quotation;
  // a long one by its closing mark only.
  const whole = end - start <= SHORT_QUOTATION;
  const inner = text.slice(start + 1, end - 1);
  return {
    start: whole ? start : end - 1,
    end,
    text: text.slice(whole ? start : end - 1, end),
    rule: 'quotation-marks',
    message,
    suggestions: [whole ? `${open}${inner}${close}` : close],
    confidence: sure,
  };
}
