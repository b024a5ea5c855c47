import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

const CONTROLS =
  'button:not(:disabled), a[href], input:not(:disabled), select:not(:disabled), textarea:not(:disabled)';

/**
 * The focus of a modal dialog: on its first control when it opens, kept inside while Tab
 * cycles, and back where it was when it closes (unless the closing put it somewhere on purpose).
 */
export function useModalFocus(dialog: RefObject<HTMLElement>, first: RefObject<HTMLElement>): void {
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const opened = dialog.current;
    first.current?.focus();
    const keepInside = (event: KeyboardEvent) => {
      const box = dialog.current;
      if (event.key !== 'Tab' || !box) return;
      const controls = [...box.querySelectorAll<HTMLElement>(CONTROLS)];
      const start = controls[0];
      const end = controls[controls.length - 1];
      if (!start || !end) return;
      const at = document.activeElement;
      const leaving = event.shiftKey ? at === start : at === end;
      if (leaving || !box.contains(at)) {
        event.preventDefault();
        (event.shiftKey ? end : start).focus();
      }
    };
    document.addEventListener('keydown', keepInside);
    return () => {
      document.removeEventListener('keydown', keepInside);
      // The dialog's nodes are still in the page while it unmounts: focus in them is focus about to be lost.
      const at = document.activeElement;
      const lost = at === null || at === document.body || (opened?.contains(at) ?? false);
      if (lost && before?.isConnected) before.focus();
    };
  }, []);
}
