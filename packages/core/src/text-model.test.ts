import { describe, expect, it } from 'vitest';
import { IGNORE_ATTRIBUTE, rootText, type TextModelNode, textSegments } from './text-model.ts';

// A tiny tree in the shape both the browser DOM and parsed HTML give.
const text = (value: string): TextModelNode => ({
  nodeType: 3,
  nodeName: '#text',
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

describe('text model', () => {
  const root = el(
    'article',
    {},
    el('p', {}, text('The bridge to '), el('a', { href: '#' }, text('Roterdam')), text(' opened.')),
    el('script', {}, text('var x = 1;')),
    el('style', {}, text('p{}')),
    el('p', { hidden: '' }, text('hidden text')),
    el('div', { [IGNORE_ATTRIBUTE]: '' }, text('widget')),
    el('p', {}, text('End.')),
  );

  it('counts the text of content elements and skips scripts, styles, hidden and ignored elements', () => {
    expect(rootText(root)).toBe('The bridge to Roterdam opened.End.');
  });

  it('gives each counted text node its offset in the root text', () => {
    const { text: all, segments } = textSegments(root);
    for (const segment of segments) {
      expect(all.slice(segment.start, segment.start + (segment.node.nodeValue ?? '').length)).toBe(
        segment.node.nodeValue,
      );
    }
    expect(segments.map((s) => s.start)).toEqual([0, 14, 22, 30]);
  });
});
