/**
 * Words a reader might report on a real page, chosen from the live DOM without any of
 * Errata's own text code: the story is taken to be the page's longest visible paragraphs,
 * and the words come from five of them spread over it (first, quarter, middle, three
 * quarters, last), from the middle of a text node: short words (3–4 letters, the ones that
 * stand elsewhere on the page too) and longer ones in turn.
 */
import type { Page } from 'playwright-core';
import type { WordInTextNode } from './source-occurrence.ts';

/** The candidates of one paragraph, best first: any of them will do. */
export type ParagraphWords = WordInTextNode[];

/** Paragraphs taken to be the story's: the longest this many, in document order. */
const STORY_PARAGRAPHS = 12;
/** Shortest text (characters) a paragraph of the story has. */
const PARAGRAPH_MIN = 40;
/** A short word is 3 to 4 letters, a long one 5 to 24 (a longer run is a CJK sentence, not a word). */
const SHORT = { min: 3, max: 4 };
const LONG = { min: 5, max: 24 };
/** Candidates kept per paragraph, for when the first cannot be found in the source. */
const CANDIDATES = 8;

/**
 * Up to five paragraphs spread over the story, each with its candidate words: short and long
 * words in turn, starting with a short one when `shortFirst` (the word a corpus run fixes).
 */
export function storyWords(page: Page, { shortFirst }: { shortFirst: boolean }): Promise<ParagraphWords[]> {
  return evaluateBare(
    page,
    ({ storyParagraphs, paragraphMin, lengths, candidates }) => {
      const skipped = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'TITLE', 'TEMPLATE']);
      const visible = (element: Element) => element.checkVisibility({ visibilityProperty: true });
      const lengthOf = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim().length;
      const allText: Text[] = [];
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) allText.push(node as Text);

      let blocks: Element[] = [...document.querySelectorAll('p')].filter(
        (p) => visible(p) && lengthOf(p) >= paragraphMin,
      );
      // A page with no visible <p> of a paragraph's length: the elements holding its long runs of text stand in.
      if (blocks.length === 0) {
        const holders = allText
          .filter((node) => (node.nodeValue ?? '').trim().length >= paragraphMin)
          .map((node) => node.parentElement)
          .filter((element): element is HTMLElement => !!element && !skipped.has(element.tagName));
        blocks = [...new Set(holders)].filter(visible);
      }
      const longest = new Set(
        [...blocks].sort((a, b) => lengthOf(b) - lengthOf(a)).slice(0, storyParagraphs),
      );
      // A paragraph repeated word for word (a pull quote, a template's filler) is one spot to a reader.
      const texts = new Set<string>();
      const story = blocks.filter((block) => {
        const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim();
        if (!longest.has(block) || texts.has(text)) return false;
        texts.add(text);
        return true;
      });
      const last = story.length - 1;
      const spread = [
        ...new Set([0, 0.25, 0.5, 0.75, 1].map((share) => story[Math.round(last * share)])),
      ].filter((block): block is Element => block !== undefined);

      const sameValue = (value: string) => allText.filter((node) => node.nodeValue === value);
      const wordsOf = (node: Text, { min, max }: { min: number; max: number }) => {
        const value = node.nodeValue ?? '';
        const twins = sameValue(value);
        const middle = value.length / 2;
        return [...value.matchAll(/[\p{L}\p{M}]+/gu)]
          .filter((m) => /^\p{L}+$/u.test(m[0]) && m[0].length >= min && m[0].length <= max)
          .sort(
            (a, b) =>
              Math.abs(a.index + a[0].length / 2 - middle) - Math.abs(b.index + b[0].length / 2 - middle),
          )
          .map((m) => ({
            value,
            occurrence: twins.indexOf(node),
            total: twins.length,
            parentTag: node.parentElement?.tagName.toLowerCase() ?? '',
            start: m.index,
            word: m[0],
          }));
      };
      return spread.map((block, index) => {
        const nodes = allText
          .filter((node) => block.contains(node) && !skipped.has(node.parentElement?.tagName ?? ''))
          .sort((a, b) => (b.nodeValue ?? '').length - (a.nodeValue ?? '').length);
        const length = lengths[index % 2] as { min: number; max: number };
        return nodes.flatMap((node) => wordsOf(node, length)).slice(0, candidates);
      });
    },
    {
      storyParagraphs: STORY_PARAGRAPHS,
      paragraphMin: PARAGRAPH_MIN,
      lengths: shortFirst ? [SHORT, LONG] : [LONG, SHORT],
      candidates: CANDIDATES,
    },
  );
}

/**
 * Selects the word in its text node the way a script or a touch screen does (one DOM range,
 * the page's focus given up as a click on the text would), and returns what the browser selected.
 */
export function selectWord(page: Page, target: WordInTextNode): Promise<string> {
  return evaluateBare(
    page,
    (target) => {
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeValue !== target.value || seen++ !== target.occurrence) continue;
        node.parentElement?.scrollIntoView({ block: 'center' });
        (document.activeElement as HTMLElement | null)?.blur?.();
        const range = document.createRange();
        range.setStart(node, target.start);
        range.setEnd(node, target.start + target.word.length);
        const selection = document.getSelection() as Selection;
        selection.removeAllRanges();
        selection.addRange(range);
        return selection.toString();
      }
      return '';
    },
    target,
  );
}

/**
 * page.evaluate of `fn` with its argument, for code run by tsx: tsx keeps function names by
 * wrapping them in calls to its own `__name` helper, which the page does not have, so the
 * helper is defined beside the function's source.
 */
function evaluateBare<A, R>(page: Page, fn: (arg: A) => R, arg: A): Promise<R> {
  const source = `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
  return page.evaluate(source) as Promise<R>;
}
