/**
 * Repeated words: "the the", "to to", also across a line break, never across punctuation.
 * Some doublings are grammatical ("had had", French "nous nous"); each language lists its own.
 */
import type { Finding } from '../finding.ts';
import { confidence } from './confidence.ts';
import type { RuleContext } from './rule.ts';

/** Words a language may correctly write twice in a row. */
const ALLOWED_DOUBLINGS: Record<string, ReadonlySet<string>> = {
  en: new Set(['had', 'that']), // "He had had enough", "that that is"
  de: new Set(['die', 'der', 'das', 'den', 'dem', 'des']), // article then relative pronoun
  fr: new Set(['nous', 'vous']), // reflexive: "nous nous levons"
};

export function repeatedWord(context: RuleContext): Finding[] {
  const { text, words, lang } = context;
  const allowed = ALLOWED_DOUBLINGS[lang];
  const findings: Finding[] = [];
  for (let i = 1; i < words.length; i++) {
    const first = words[i - 1]!;
    const second = words[i]!;
    if (first.skipped || second.skipped) continue;
    const word = first.text.toLowerCase();
    if (word !== second.text.toLowerCase() || /\p{N}/u.test(word)) continue;
    // "a A/AAAA record": a doubling keeps its case after the first word ("The the").
    if (second.text !== first.text && second.shape !== 'lower') continue;
    const gap = text.slice(first.end, second.start);
    if (!/^\s+$/u.test(gap)) continue;
    // A capitalised word on a new line starts a new block: a heading then a caption that opens
    // alike; two line breaks part two blocks.
    if (gap.includes('\n') && second.shape !== 'lower') continue;
    if (gap.split('\n').length > 2) continue;
    if (allowed?.has(word)) continue;
    // "Bora Bora", "Baden Baden": a capitalised doubling is a name (or a page's furniture).
    if (first.shape === 'capitalised' && second.shape === 'capitalised') continue;
    findings.push({
      start: first.start,
      end: second.end,
      text: text.slice(first.start, second.end),
      rule: 'repeated-word',
      message: `“${first.text}” is written twice in a row.`,
      suggestions: [first.text],
      confidence: confidence.repeatedWord,
    });
  }
  return findings;
}
