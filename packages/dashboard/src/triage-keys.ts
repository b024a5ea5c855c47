/** What a key does in the inbox. */
export type TriageCommand =
  | 'next'
  | 'previous'
  | 'open'
  | 'fixed'
  | 'rejected'
  | 'spam'
  | 'reopen'
  | 'assign'
  | 'undo'
  | 'search'
  | 'help'
  | 'select'
  | 'close';

/** The inbox's keys, in the order the help overlay lists them. */
export const TRIAGE_KEYS: readonly { keys: readonly string[]; command: TriageCommand; does: string }[] = [
  { keys: ['j'], command: 'next', does: 'Next erratum' },
  { keys: ['k'], command: 'previous', does: 'Previous erratum' },
  { keys: ['Enter', 'o'], command: 'open', does: 'Open the details' },
  { keys: ['f'], command: 'fixed', does: 'Mark as fixed' },
  { keys: ['n'], command: 'rejected', does: 'Mark as not a mistake' },
  { keys: ['s'], command: 'spam', does: 'Mark as spam' },
  { keys: ['r'], command: 'reopen', does: 'Reopen, or restore from spam' },
  { keys: ['a'], command: 'assign', does: 'Assign to an editor' },
  { keys: ['u'], command: 'undo', does: 'Undo the last action' },
  { keys: ['x'], command: 'select', does: 'Select or unselect' },
  { keys: ['/'], command: 'search', does: 'Search' },
  { keys: ['?'], command: 'help', does: 'Show these keys' },
  { keys: ['Escape'], command: 'close', does: 'Close the panel or dialog' },
];

const BY_KEY = new Map(
  TRIAGE_KEYS.flatMap((entry) => entry.keys.map((key) => [key, entry.command] as const)),
);

/** The part of a KeyboardEvent the map reads. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True when the key is held down and the press is the keyboard's auto-repeat. */
  repeat?: boolean;
  target: EventTarget | null;
}

// Held down, j and k walk the list; a held f must not mark every erratum after this one.
const REPEATABLE: ReadonlySet<TriageCommand> = new Set(['next', 'previous']);

// Fields that take letters. A checkbox does not: after ticking one, j, k and f still triage.
const TYPING_FIELDS =
  'input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"]), textarea, select, [contenteditable]:not([contenteditable="false"])';

/** True when a key goes into a field the editor is typing in (or a control that owns its keys). */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  return target.closest(TYPING_FIELDS) !== null;
}

/**
 * The command of a key press, or null when the inbox leaves it alone: with Ctrl, ⌘ or Alt
 * (the browser's shortcuts), while typing (except Escape, which leaves the field's panel),
 * Enter on a button or link, which already does what it says, and the auto-repeat of a
 * held key other than j and k.
 */
export function commandOf(press: KeyPress): TriageCommand | null {
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  const command = BY_KEY.get(press.key) ?? null;
  if (command === null) return null;
  if (press.repeat && !REPEATABLE.has(command)) return null;
  if (command === 'close') return command;
  if (isTypingTarget(press.target)) return null;
  if (press.key === 'Enter' && typeof Element !== 'undefined' && press.target instanceof Element) {
    if (press.target.closest('button, a, summary')) return null;
  }
  return command;
}

/** The id `step` places after `current` in `order`, staying at the ends; the first (or last) when none is focused. */
export function moveFocus(order: readonly string[], current: string | null, step: 1 | -1): string | null {
  if (order.length === 0) return null;
  const index = current === null ? -1 : order.indexOf(current);
  if (index === -1) return step === 1 ? order[0]! : order[order.length - 1]!;
  return order[Math.min(order.length - 1, Math.max(0, index + step))]!;
}
