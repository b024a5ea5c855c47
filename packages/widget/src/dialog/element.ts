import { IGNORE_ATTRIBUTE } from '@errata/core';
import { adoptStyles } from './styles.ts';

/** An element with attributes and children; strings become text nodes, never markup. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const name in attributes) element.setAttribute(name, attributes[name] as string);
  element.append(...children);
  return element;
}

/** What every host's own style starts with: nothing inherited from the page, above it. */
const HOST_BASE: Record<string, string> = { all: 'initial', 'z-index': '2147483647' };

/**
 * A new host element for one of the widget's surfaces (dialog, button, hint), in place of
 * any earlier one of the same id, with an open shadow root styled by the widget's sheet. It
 * is a custom element (the id is its tag name), so page rules written for div or span miss
 * it, and it carries the ignore attribute, so the text model skips it. The caller appends it.
 */
export function createHost(id: string, style: Record<string, string>): ShadowRoot {
  document.getElementById(id)?.remove();
  const host = document.createElement(id);
  host.id = id;
  host.setAttribute(IGNORE_ATTRIBUTE, '');
  // Inline !important beats any page rule aimed at the host, even an !important one; set
  // through CSSOM (not a style attribute) so that a CSP forbidding inline styles allows it.
  const own = { ...HOST_BASE, ...style };
  for (const property in own) host.style.setProperty(property, own[property] as string, 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);
  return shadow;
}

/** Sets a host's position in px (its inline !important style). */
export function placeHost(host: HTMLElement, left: number, top: number): void {
  host.style.setProperty('left', `${left}px`, 'important');
  host.style.setProperty('top', `${top}px`, 'important');
}
