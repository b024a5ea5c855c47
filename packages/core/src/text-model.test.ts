import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  IGNORE_ATTRIBUTE,
  isSkippedElement,
  rootText,
  type TextModelNode,
  textSegments,
} from './text-model.ts';

// A tiny tree in the shape both the browser DOM and parsed HTML give. The fixtures in
// text-model.fixtures.ts run the same model on real parsed HTML (server) and in Chromium (e2e).
const text = (value: string): TextModelNode => ({
  nodeType: 3,
  nodeName: '#text',
  nodeValue: value,
  childNodes: [],
});
const comment = (value: string): TextModelNode => ({
  nodeType: 8,
  nodeName: '#comment',
  nodeValue: value,
  childNodes: [],
});
const el = (name: string, attrs: Record<string, string>, ...children: TextModelNode[]): TextModelNode => ({
  nodeType: 1,
  nodeName: name.toUpperCase(),
  nodeValue: null,
  childNodes: children,
  getAttribute: (n) => attrs[n] ?? null,
});
const article = (...children: TextModelNode[]) => el('article', {}, ...children);

describe('text model', () => {
  const root = article(
    el('p', {}, text('The bridge to '), el('a', { href: '#' }, text('Roterdam')), text(' opened.')),
    el('script', {}, text('var x = 1;')),
    el('style', {}, text('p{}')),
    el('p', { hidden: '' }, text('hidden text')),
    el('div', { [IGNORE_ATTRIBUTE]: '' }, text('widget')),
    el('p', {}, text('End.')),
  );

  it('counts the text of content elements and skips scripts, styles, hidden and ignored elements', () => {
    expect(rootText(root)).toBe('The bridge to Roterdam opened.\nEnd.');
  });

  it('gives each counted text node its offset in the root text', () => {
    const { text: all, segments } = textSegments(root);
    for (const segment of segments) {
      expect(all.slice(segment.start, segment.start + (segment.node.nodeValue ?? '').length)).toBe(
        segment.node.nodeValue,
      );
    }
    expect(segments.map((s) => s.start)).toEqual([0, 14, 22, 31]);
  });

  it('joins inline elements without a separator', () => {
    const p = el(
      'p',
      {},
      text('un'),
      el('em', {}, text('bel')),
      el('strong', {}, el('span', {}, text('ievable'))),
    );
    expect(rootText(article(p))).toBe('unbelievable');
  });

  it('parts blocks that meet without whitespace with one line break', () => {
    const list = el('ul', {}, el('li', {}, text('one')), el('li', {}, el('p', {}, text('two'))));
    expect(rootText(article(el('h1', {}, text('Title')), list, el('p', {}, text('three'))))).toBe(
      'Title\none\ntwo\nthree',
    );
  });

  it('adds nothing where the text already has whitespace at the boundary', () => {
    expect(rootText(article(el('p', {}, text('one ')), el('p', {}, text('two'))))).toBe('one two');
    expect(rootText(article(el('p', {}, text('one')), text('\n  '), el('p', {}, text('two'))))).toBe(
      'one\n  two',
    );
    expect(rootText(article(el('p', {}, text('one')), el('p', {}, text('\ttwo'))))).toBe('one\ttwo');
  });

  it('reads <br> and <hr> as a line break, several in a row as one', () => {
    expect(rootText(article(text('one'), el('br', {}), el('br', {}), text('two')))).toBe('one\ntwo');
    expect(rootText(article(text('one'), el('hr', {}), text('two')))).toBe('one\ntwo');
  });

  it('parts table cells with a space and rows with a line break', () => {
    const row = (...cells: string[]) => el('tr', {}, ...cells.map((cell) => el('td', {}, text(cell))));
    const table = el('table', {}, el('tbody', {}, row('a', 'b'), row('c', 'd')));
    expect(rootText(article(table))).toBe('a b\nc d');
  });

  it('adds no separator at the start or the end of the root', () => {
    expect(rootText(article(el('p', {}, text('only'))))).toBe('only');
    expect(rootText(el('p', {}, text('only'), el('br', {})))).toBe('only');
  });

  it('leaves whitespace inside text nodes as it is', () => {
    expect(rootText(article(el('pre', {}, text('  a\n\n  b  '))))).toBe('  a\n\n  b  ');
  });

  it('leaves out comments and what skipped elements hold, joining what is around them', () => {
    const p = el(
      'p',
      {},
      text('a'),
      comment('note'),
      el('svg', {}, el('text', {}, text('label'))),
      text('b'),
    );
    expect(rootText(article(p))).toBe('ab');
    for (const name of ['noscript', 'template', 'iframe', 'object', 'canvas', 'select', 'textarea', 'math']) {
      expect(rootText(article(text('a'), el(name, {}, text('x')), text('b')))).toBe('ab');
    }
  });

  it('counts hidden="until-found" and aria-hidden content, which readers can see', () => {
    expect(isSkippedElement(el('div', { hidden: 'UNTIL-FOUND' }))).toBe(false);
    expect(isSkippedElement(el('div', { hidden: 'hidden' }))).toBe(true);
    expect(isSkippedElement(el('span', { 'aria-hidden': 'true' }))).toBe(false);
  });

  it('counts the root itself even when it is an element the model would skip', () => {
    expect(rootText(el('div', { hidden: '' }, text('shown')))).toBe('shown');
  });

  it('keeps every counted node at its offset, with at most one separator between two', () => {
    const names = ['p', 'div', 'span', 'em', 'br', 'td', 'tr', 'li', 'script', 'a'];
    const tree = fc.letrec<{ node: TextModelNode }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'b', ' ', '\n', '\u00a0', '\u05d0') }).map(text),
        fc
          .tuple(fc.constantFrom(...names), fc.array(tie('node'), { maxLength: 4 }))
          .map(([name, children]) => el(name, {}, ...children)),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (root) => {
        const { text: all, segments } = textSegments(root);
        let end = 0;
        let joined = '';
        for (const { node, start } of segments) {
          const value = node.nodeValue ?? '';
          expect(all.slice(start, start + value.length)).toBe(value);
          const gap = all.slice(end, start);
          expect(['', ' ', '\n']).toContain(gap);
          if (gap) expect(all[end - 1]).toMatch(/\S/u);
          end = start + value.length;
          joined += value;
        }
        expect(end).toBe(all.length);
        expect(all.replace(/[^\S]/gu, '')).toBe(joined.replace(/[^\S]/gu, ''));
      }),
    );
  });
});
