import { describe, expect, it } from 'vitest';
import { commandOf, moveFocus, TRIAGE_KEYS } from './triage-keys.ts';

const press = (key: string, changes: Partial<Parameters<typeof commandOf>[0]> = {}) =>
  commandOf({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...changes });

describe('commandOf', () => {
  it('maps the triage keys of the issue', () => {
    expect(
      ['j', 'k', 'Enter', 'o', 'f', 'n', 's', 'r', 'a', 'u', '/', '?', 'x', 'Escape'].map((key) =>
        press(key),
      ),
    ).toEqual([
      'next',
      'previous',
      'open',
      'open',
      'fixed',
      'rejected',
      'spam',
      'reopen',
      'assign',
      'undo',
      'search',
      'help',
      'select',
      'close',
    ]);
  });

  it('leaves other keys and the browser shortcuts alone', () => {
    expect(press('q')).toBeNull();
    expect(press('F')).toBeNull();
    expect(press('f', { ctrlKey: true })).toBeNull();
    expect(press('k', { metaKey: true })).toBeNull();
    expect(press('j', { altKey: true })).toBeNull();
  });

  it('lets a held j or k walk the list, but never repeats an action', () => {
    expect(press('j', { repeat: true })).toBe('next');
    expect(press('k', { repeat: true })).toBe('previous');
    expect(['f', 'n', 's', 'r', 'a', 'u', 'x'].map((key) => press(key, { repeat: true }))).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('lists every command once in the help', () => {
    const commands = TRIAGE_KEYS.map((entry) => entry.command);
    expect(new Set(commands).size).toBe(commands.length);
  });
});

describe('moveFocus', () => {
  const order = ['a', 'b', 'c'];

  it('moves one step and stays at the ends', () => {
    expect(moveFocus(order, 'a', 1)).toBe('b');
    expect(moveFocus(order, 'b', -1)).toBe('a');
    expect(moveFocus(order, 'c', 1)).toBe('c');
    expect(moveFocus(order, 'a', -1)).toBe('a');
  });

  it('starts at the first (j) or the last (k) when nothing is focused or the focused one left', () => {
    expect(moveFocus(order, null, 1)).toBe('a');
    expect(moveFocus(order, 'gone', -1)).toBe('c');
    expect(moveFocus([], null, 1)).toBeNull();
  });
});
