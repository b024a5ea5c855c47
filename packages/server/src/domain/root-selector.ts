/**
 * The subset of CSS selectors the server evaluates on fetched HTML to find a site's article
 * root (the widget's `data-root`, which the browser evaluates in full): type, `#id`, `.class`
 * and `[attribute]` / `[attribute="value"]` selectors, compounds of them (`div.post[data-body]`),
 * descendant and child combinators, and lists (`a, b`). It follows `querySelector`: the first
 * match in document order, template contents not searched, and in quirks mode ids and classes
 * matched regardless of ASCII case.
 */

import { type DefaultTreeAdapterTypes, defaultTreeAdapter } from 'parse5';

type Element = DefaultTreeAdapterTypes.Element;

/** One compound selector: everything one element must have. */
interface Compound {
  /** Lower-case tag name, or null for any element. */
  tag: string | null;
  ids: string[];
  classes: string[];
  attributes: { name: string; value: string | null }[];
}

/**
 * A complex selector, right to left: the element's own compound first, then its ancestors';
 * `within` says how an entry's element sits in the next entry's (null on the last one).
 */
type Complex = { compound: Compound; within: 'descendant' | 'child' | null }[];

/** A parsed root selector: a list of complex selectors, any of which may match. */
export type RootSelector = Complex[];

// CSS identifiers without escapes; a digit or "-digit" cannot start one, as in CSS.
const IDENT = String.raw`(?:--|-?[A-Za-z_\u00a0-\uffff])[\w\u00a0-\uffff-]*`;
const TYPE = new RegExp(String.raw`(${IDENT}|\*)`, 'y');
const SIMPLE = new RegExp(
  String.raw`#(${IDENT})|\.(${IDENT})|\[\s*(${IDENT})\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|(${IDENT}))\s*)?\]`,
  'y',
);
const COMBINATOR = /\s*([>,])\s*|\s+/y;

/**
 * Parses a selector of the supported subset; null when it uses anything else (pseudo-classes,
 * `+`, `~`, attribute operators other than `=`, escapes), which the server cannot evaluate.
 * @example parseRootSelector('main .post-body') // matches like document.querySelector('main .post-body')
 */
export function parseRootSelector(selector: string): RootSelector | null {
  const source = selector.trim();
  const list: RootSelector = [];
  let complex: Complex = [];
  let within: Complex[number]['within'] = null;
  let at = 0;
  while (at < source.length) {
    const compound: Compound = { tag: null, ids: [], classes: [], attributes: [] };
    let matched = false;
    TYPE.lastIndex = at;
    const type = TYPE.exec(source);
    if (type) {
      compound.tag = type[1] === '*' ? null : (type[1] as string).toLowerCase();
      at = TYPE.lastIndex;
      matched = true;
    }
    for (SIMPLE.lastIndex = at; ; ) {
      const simple = SIMPLE.exec(source);
      if (!simple) break;
      const [, id, className, name, doubleQuoted, singleQuoted, bare] = simple;
      if (id !== undefined) compound.ids.push(id);
      else if (className !== undefined) compound.classes.push(className);
      else
        compound.attributes.push({
          name: (name as string).toLowerCase(),
          value: doubleQuoted ?? singleQuoted ?? bare ?? null,
        });
      at = SIMPLE.lastIndex;
      matched = true;
    }
    if (!matched) return null;
    complex.unshift({ compound, within });
    if (at === source.length) break;
    COMBINATOR.lastIndex = at;
    const between = COMBINATOR.exec(source);
    if (!between) return null;
    at = COMBINATOR.lastIndex;
    if (between[1] === ',') {
      list.push(complex);
      complex = [];
      within = null;
    } else {
      within = between[1] === '>' ? 'child' : 'descendant';
    }
    if (at === source.length) return null; // a dangling combinator or comma
  }
  if (complex.length === 0) return null;
  list.push(complex);
  return list;
}

/** An element's attribute value, or null. */
export function attributeOf(element: Element, name: string): string | null {
  return element.attrs.find((attr) => attr.name === name)?.value ?? null;
}

function matchesCompound(element: Element, compound: Compound, quirks: boolean): boolean {
  if (compound.tag !== null && element.tagName.toLowerCase() !== compound.tag) return false;
  const fold = (value: string) => (quirks ? value.toLowerCase() : value);
  const id = attributeOf(element, 'id');
  if (compound.ids.some((wanted) => id === null || fold(id) !== fold(wanted))) return false;
  if (compound.classes.length > 0) {
    const classes = new Set((attributeOf(element, 'class') ?? '').split(/[\t\n\f\r ]+/).map(fold));
    if (compound.classes.some((wanted) => !classes.has(fold(wanted)))) return false;
  }
  return compound.attributes.every(({ name, value }) => {
    const actual = attributeOf(element, name);
    return actual !== null && (value === null || actual === value);
  });
}

/** Whether an element matches a complex selector from entry `index` on (right to left). */
function matchesFrom(element: Element, complex: Complex, index: number, quirks: boolean): boolean {
  const entry = complex[index];
  if (!entry) return true;
  if (!matchesCompound(element, entry.compound, quirks)) return false;
  if (entry.within === null) return true;
  for (let ancestor = element.parentNode; ancestor && defaultTreeAdapter.isElementNode(ancestor); ) {
    if (matchesFrom(ancestor, complex, index + 1, quirks)) return true;
    if (entry.within === 'child') return false;
    ancestor = ancestor.parentNode;
  }
  return false;
}

/** The first element under `parent`, in document order, that matches the selector; null when none does. */
export function selectFirst(
  parent: DefaultTreeAdapterTypes.ParentNode,
  selector: RootSelector,
  quirks = false,
): Element | null {
  for (const child of parent.childNodes) {
    if (!defaultTreeAdapter.isElementNode(child)) continue;
    if (selector.some((complex) => matchesFrom(child, complex, 0, quirks))) return child;
    const inside = selectFirst(child, selector, quirks);
    if (inside) return inside;
  }
  return null;
}

/** Every element under `parent` that matches the selector, in document order (querySelectorAll). */
export function selectAll(
  parent: DefaultTreeAdapterTypes.ParentNode,
  selector: RootSelector,
  quirks = false,
  into: Element[] = [],
): Element[] {
  for (const child of parent.childNodes) {
    if (!defaultTreeAdapter.isElementNode(child)) continue;
    if (selector.some((complex) => matchesFrom(child, complex, 0, quirks))) into.push(child);
    selectAll(child, selector, quirks, into);
  }
  return into;
}
