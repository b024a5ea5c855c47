/**
 * Finding a word the browser showed in the HTML source it was parsed from, so a test can edit
 * that one occurrence as an editor editing the page would. parse5 follows the same HTML
 * parsing rules as the browser, so the n-th text node with a given value is the same node in
 * both trees, unless a script of the page changed the DOM (then the counts differ and the
 * word is not located).
 */
import { type DefaultTreeAdapterTypes, parse } from 'parse5';

type ParsedNode = DefaultTreeAdapterTypes.Node;
type TextNode = DefaultTreeAdapterTypes.TextNode;

/** A word inside one text node of the live DOM, named so that it can be found in the source. */
export interface WordInTextNode {
  /** The text node's value (decoded text). */
  value: string;
  /** How many text nodes with the same value come before it in document order. */
  occurrence: number;
  /** How many text nodes in the document have that value. */
  total: number;
  /** Lower-case name of the text node's parent element. */
  parentTag: string;
  /** Where the word starts in `value`. */
  start: number;
  word: string;
}

/** Where a word stands in the source: its offset, for `replaceAt`. */
export interface WordInSource {
  offset: number;
  word: string;
}

/**
 * A finder of words in `html` (parsed once): the source offset of a word's occurrence, or
 * null when it cannot be told for sure: the text node is not in the source as the browser
 * had it, or its raw source does not hold the word as often as its text (an entity or a
 * character reference stands for letters).
 */
export function wordLocator(html: string): (target: WordInTextNode) => WordInSource | null {
  let byValue: Map<string, TextNode[]> | undefined;
  return (target) => {
    byValue ??= textNodesByValue(parse(html, { sourceCodeLocationInfo: true }));
    const twins = byValue.get(target.value) ?? [];
    if (twins.length !== target.total) return null;
    const node = twins[target.occurrence];
    const location = node?.sourceCodeLocation;
    if (!node || !location || parentTagOf(node) !== target.parentTag) return null;
    const raw = html.slice(location.startOffset, location.endOffset);
    const inText = wordStarts(target.value, target.word);
    const inRaw = wordStarts(raw, target.word);
    const nth = inText.indexOf(target.start);
    if (nth < 0 || inText.length !== inRaw.length) return null;
    return { offset: location.startOffset + (inRaw[nth] as number), word: target.word };
  };
}

/** `html` with the word at `at` replaced by `by`. */
export function replaceAt(html: string, at: WordInSource, by: string): string {
  if (html.slice(at.offset, at.offset + at.word.length) !== at.word) {
    throw new Error(`"${at.word}" is not at offset ${at.offset}`);
  }
  return html.slice(0, at.offset) + by + html.slice(at.offset + at.word.length);
}

/** Text nodes by value, each list in document order as a DOM TreeWalker sees them (template contents not included). */
function textNodesByValue(root: ParsedNode): Map<string, TextNode[]> {
  const found = new Map<string, TextNode[]>();
  const visit = (node: ParsedNode) => {
    if (node.nodeName === '#text') {
      const text = node as TextNode;
      const twins = found.get(text.value);
      if (twins) twins.push(text);
      else found.set(text.value, [text]);
    }
    if ('childNodes' in node) for (const child of node.childNodes) visit(child);
  };
  visit(root);
  return found;
}

function parentTagOf(node: TextNode): string {
  const parent = node.parentNode;
  return parent && 'tagName' in parent ? parent.tagName.toLowerCase() : '';
}

/** Starts of `word` in `text` where it stands as a whole word (no letter or mark either side). */
function wordStarts(text: string, word: string): number[] {
  const starts: number[] = [];
  const isLetter = (char: string | undefined) => char !== undefined && /[\p{L}\p{M}]/u.test(char);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isLetter(text[at - 1]) && !isLetter(text[at + word.length])) starts.push(at);
  }
  return starts;
}
