import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUOTE_CONTEXT_MAX } from '../limits.ts';
import { describeRange } from '../quote.ts';
import { anchor } from './anchor.ts';

const article =
  'The Old Harbour swing bridge will close on 3 March. The work will be led by a marine engineering ' +
  'firm from Roterdam that has restored two similar bridges in the Dutch port over the past decade. ' +
  'Councillors approved the plan by nine votes to two, after hearing that teh central pivot had worn badly.';

function selectorOf(text: string, words: string, from = 0) {
  const start = text.indexOf(words, from);
  const described = describeRange(text, start, start + words.length);
  if (!described) throw new Error(`no "${words}"`);
  return described;
}

describe('anchor', () => {
  it('finds a quote that is still on the page where it was', () => {
    const { quote, position } = selectorOf(article, 'Roterdam');
    expect(anchor(article, quote, position)).toMatchObject({ verdict: 'found', ...position });
  });

  it('follows the quote when text is added before it', () => {
    const { quote, position } = selectorOf(article, 'Roterdam');
    const edited = `Breaking: a long new first sentence was added. ${article}`;
    const found = anchor(edited, quote, position);
    expect(found.verdict).toBe('found');
    expect(edited.slice(found.start, found.end)).toBe('Roterdam');
  });

  it('says "edited", with what replaced it, when the typo is fixed', () => {
    const { quote, position } = selectorOf(article, 'Roterdam');
    const fixed = article.replace('Roterdam', 'Rotterdam');
    expect(anchor(fixed, quote, position)).toMatchObject({ verdict: 'edited', current: 'Rotterdam' });
  });

  it('does not mistake a look-alike for the fixed typo (teh → the)', () => {
    const { quote, position } = selectorOf(article, 'teh');
    const fixed = article.replace('teh central', 'the central');
    const result = anchor(fixed, quote, position);
    expect(result).toMatchObject({ verdict: 'edited', current: 'the' });
  });

  it('says "gone" when the paragraph holding the quote is deleted', () => {
    const { quote, position } = selectorOf(article, 'teh');
    const cut = article.slice(0, article.indexOf('Councillors'));
    expect(anchor(cut, quote, position).verdict).toBe('gone');
  });

  it('still finds a long quote whose surroundings were all rewritten', () => {
    const { quote, position } = selectorOf(article, 'nine votes to two');
    const rewritten = 'Entirely new opening words here, then nine votes to two and a new ending follows.';
    expect(anchor(rewritten, quote, position)).toMatchObject({
      verdict: 'found',
      start: rewritten.indexOf('nine'),
    });
  });

  it('does not take a common word elsewhere for a deleted one', () => {
    const { quote, position } = selectorOf(article, 'the', article.indexOf('the plan'));
    const cut = `${article.slice(0, article.indexOf('Councillors'))} Unrelated: the ferry runs daily.`;
    expect(anchor(cut, quote, position).verdict).toBe('gone');
  });

  it('picks the occurrence whose context agrees, not the nearest one', () => {
    const text = `${article} A second paragraph also names Roterdam in passing, with other words around it.`;
    const { quote, position } = selectorOf(text, 'Roterdam');
    const result = anchor(text, quote, {
      start: text.lastIndexOf('Roterdam'),
      end: text.lastIndexOf('Roterdam') + 8,
    });
    expect(result).toMatchObject({ verdict: 'found', start: position.start });
  });

  it('matches a quote across a changed line break', () => {
    const { quote, position } = selectorOf(article, 'marine engineering');
    const rewrapped = article.replace('marine engineering', 'marine\nengineering');
    expect(anchor(rewrapped, quote, position).verdict).toBe('found');
  });

  it('takes the reported spot with its quote replaced over an exact copy elsewhere (a pull quote)', () => {
    const story = `${article} Later the harbour master said the Roterdam firm was the best choice.`;
    const pullQuote = `\n“a marine engineering firm from Roterdam that has restored two”\n`;
    const page = `${story}${pullQuote}`;
    const { quote, position } = selectorOf(page, 'Roterdam');
    const fixed = page.replace('Roterdam that', 'Rotterdam that');
    expect(anchor(fixed, quote, position)).toMatchObject({ verdict: 'edited', current: 'Rotterdam' });
    // Unchanged, it is the reported occurrence that is found, not the copy.
    expect(anchor(page, quote, position)).toMatchObject({ verdict: 'found', start: position.start });
  });

  it('does not let indentation stand for context (a repeated "Learn more" button)', () => {
    const pad = ' '.repeat(40);
    const button = (label: string) => `\n${pad}${label}${pad}\n`;
    const page = `Plans for the bridge. ${button('Lern more')} Ferries run all year.${button('Lern more')} The end.`;
    const at = page.indexOf('Lern more');
    const { quote, position } = selectorOf(page, 'Lern more', at);
    const fixed = `${page.slice(0, at)}Learn more${page.slice(at + 'Lern more'.length)}`;
    expect(anchor(fixed, quote, position)).toMatchObject({ verdict: 'edited', current: 'Learn more' });
  });

  it('keeps a short misspelt word that still stands where its reworded sentence is', () => {
    const { quote, position } = selectorOf(article, 'teh');
    const reworded = article.replace(
      'after hearing that teh central pivot had worn badly',
      'once engineers said teh pivot at its centre was badly worn',
    );
    expect(anchor(reworded, quote, position)).toMatchObject({
      verdict: 'found',
      start: reworded.indexOf('teh'),
    });
  });

  it('does not call a lengthened word the quote (in → inside)', () => {
    const text = 'The ferry will run in the harbour all winter, the council said on Monday evening.';
    const { quote, position } = selectorOf(text, 'in', text.indexOf('in the'));
    const fixed = text.replace('run in the', 'run inside the');
    expect(anchor(fixed, quote, position)).toMatchObject({ verdict: 'edited', current: 'inside' });
  });

  it('anchors any quote cut from a text back to itself', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.nat(),
        fc.nat({ max: 40 }),
        (text, at, length) => {
          const start = at % text.length;
          const described = describeRange(text, start, Math.min(text.length, start + length + 1));
          if (!described) return;
          const result = anchor(text, described.quote, described.position);
          expect(result.verdict).toBe('found');
          // Equal text elsewhere with equal context is indistinguishable; it must at least be the same words.
          expect(text.slice(result.start, result.end).split(/\s+/).join(' ')).toBe(
            described.quote.exact.split(/\s+/).join(' '),
          );
        },
      ),
    );
  });

  it('never moves a quote when the text changes outside its context', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 100 }),
        (middle, before, after) => {
          const text = `${'a'.repeat(QUOTE_CONTEXT_MAX)} quote${middle}marker ${'b'.repeat(QUOTE_CONTEXT_MAX)}`;
          const start = text.indexOf('quote');
          const described = describeRange(text, start, start + 5);
          if (!described) return;
          const edited = `${before}${text}${after}`;
          const result = anchor(edited, described.quote, described.position);
          expect(result.verdict).toBe('found');
          expect(result.start).toBe(before.length + start);
        },
      ),
    );
  });
});
