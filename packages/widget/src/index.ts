/**
 * Start-up of the embed: read the script tag, listen for Ctrl+Enter / ⌘+Enter, expose
 * `window.Errata`. Nothing else runs (no request, no cookie, no DOM work) until the reader
 * asks to report something.
 *
 * Loader side (kept small, will become the ≤ 2 KB loader): index, config, shortcut,
 * article-root, capture, page-info, widget-host. Dialog side (will load on demand): dialog,
 * dialog-styles, send, strings; the only call across is `openDialog`.
 */
import { captureSelection } from './capture.ts';
import { readConfig } from './config.ts';
import { openDialog } from './dialog.ts';
import { isReportShortcut, isTypingTarget } from './shortcut.ts';
import { isDialogOpen } from './widget-host.ts';

/** What a page may call, as `window.Errata`. */
export interface ErrataApi {
  /**
   * Opens the report dialog for the reader's current selection, e.g. from the site's own
   * "Report a mistake" button. Returns false when nothing of the article is selected.
   * @example button.addEventListener('click', () => Errata.open() || alert('Select the mistake first.'))
   */
  open(): boolean;
}

declare global {
  interface Window {
    Errata?: ErrataApi;
  }
}

// currentScript is only set while this file's code first runs, so it is read right away.
const config = readConfig(document.currentScript);

// A second copy of the embed on the same page stays quiet.
if (config && !window.Errata) {
  const open = (): boolean => {
    if (isDialogOpen()) return false;
    const draft = captureSelection(config);
    if (draft) openDialog(draft, config.endpoint);
    return draft !== null;
  };
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.repeat || !isReportShortcut(event) || isTypingTarget(event)) return;
    if (open()) event.preventDefault();
  });
  window.Errata = { open };
}
