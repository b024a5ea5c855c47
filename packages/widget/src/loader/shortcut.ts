/** Whether a key press is the report shortcut: Ctrl+Enter, or ⌘+Enter on macOS. */
export function isReportShortcut(event: KeyboardEvent): boolean {
  return (
    event.key === 'Enter' &&
    (event.ctrlKey || event.metaKey) &&
    !event.altKey &&
    !event.shiftKey &&
    !event.isComposing
  );
}

/**
 * Whether the key press happened in something the reader types into. There Ctrl+Enter
 * belongs to the page (send a comment, submit a form), so the widget leaves it alone.
 * The composed path sees through other components' shadow roots to the real target.
 */
export function isTypingTarget(event: Event): boolean {
  const target = event.composedPath()[0] as HTMLElement;
  return !!(target.isContentEditable || target.matches?.('input,textarea,select'));
}
