/**
 * widget.js, the loader every article page loads: it reads its script tag, listens for
 * Ctrl+Enter / ⌘+Enter and for selections, and exposes `window.Errata`. It makes no request
 * until the reader selects text in the article (or asks to report): then it loads the
 * dialog part and the reader's language file, which do everything else. The one exception is
 * a report left in this site's offline queue by an earlier visit: it loads them to send it.
 */
import type { ErrataApi, ErrataStrings } from '../../errata.d.ts';
import type { DialogApi, LoaderContext } from '../contract.ts';
import { queueKey } from '../delivery/queue-key.ts';
import { isDialogOpen } from '../hosts.ts';
import { addScript } from './add-script.ts';
import { articleRootOf } from './article-root.ts';
import { readConfig } from './config.ts';
import { isReportShortcut, isTypingTarget } from './shortcut.ts';
import { uiLanguage } from './ui-language.ts';

/** Hash of the parts this loader was built with, in their names: they change name with their content, so they may be cached for good. */
declare const __ERRATA_VERSION__: string;
/** The languages the widget speaks (each has a file), space-separated. */
declare const __ERRATA_LANGUAGES__: string;

// currentScript is only set while this file's code first runs, so it is read right away.
const config = readConfig(document.currentScript);

// A second copy of the embed on the same page stays quiet.
if (config && !window.Errata) {
  // Worked out on first use, not at start-up: every page pays for start-up, few readers report.
  let lang: string | undefined;
  const rootOf = (range: Range) => articleRootOf(range, config.root);
  const url = (file: string) => `${config.files}${file}-${__ERRATA_VERSION__}.js`;
  let start: ((context: LoaderContext) => DialogApi) | undefined;
  let strings: ErrataStrings | undefined;
  let parts: Promise<DialogApi> | undefined;
  window.__errata = (part) => {
    if (typeof part === 'function') start = part;
    else strings = part;
  };
  /** A copy of the reader's selection when it holds text of the article, else null. */
  const selected = (): Range | null => {
    const selection = document.getSelection();
    const range = selection?.rangeCount && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    return range && /\S/.test(range.toString()) && rootOf(range) ? range.cloneRange() : null;
  };
  /** The dialog part, started; loaded with the language file on first use, and again after a failed load. */
  const load = (): Promise<DialogApi> => {
    lang ??= uiLanguage(config.lang, __ERRATA_LANGUAGES__.split(' '));
    parts ??= Promise.all([
      addScript(url('widget-dialog'), config.nonce),
      // A language file that fails to load leaves the reader with English, not without a dialog.
      addScript(url(`widget-lang-${lang}`), config.nonce).catch(() => {
        lang = 'en';
        return addScript(url('widget-lang-en'), config.nonce);
      }),
    ])
      .then(() =>
        (start as NonNullable<typeof start>)({
          config,
          lang: lang as string,
          strings: strings as ErrataStrings,
          rootOf,
          selected,
        }),
      )
      .catch((error) => {
        parts = undefined;
        throw error;
      });
    return parts;
  };

  /** Opens the dialog for a selection, or shows the hint to select first; says whether there was a selection. */
  const request = (range: Range | null): boolean => {
    load().then((dialog) => (range ? dialog.open(range) : dialog.hint()), console.warn);
    return range !== null;
  };

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.repeat || !isReportShortcut(event) || isTypingTarget(event)) return;
    const range = selected();
    // With nothing selected, Ctrl+Enter on a focused link or button is the browser's (open in a new tab).
    if (isDialogOpen() || (!range && (event.target as Element).closest?.('a,button'))) return;
    event.preventDefault();
    request(range);
  });
  // Prefetch: a reader who selects text in the article may be about to report it.
  document.addEventListener('selectionchange', () => {
    if (!parts && selected()) load().catch(() => {});
  });
  if (config.button !== 'auto' && config.button !== 'off') {
    // The site's own button, wherever and whenever it appears on the page.
    document.addEventListener('click', (event) => {
      try {
        if (!(event.target as Element).closest?.(config.button)) return;
      } catch {
        return; // Not a valid selector: nothing to bind.
      }
      event.preventDefault();
      request(selected());
    });
  }
  /** Whether an earlier visit left reports to send. */
  const queued = () => {
    try {
      return !!localStorage.getItem(queueKey(config.site));
    } catch {
      return false; // Storage blocked: there is no queue.
    }
  };
  // Reading storage can cost a millisecond on a page that has not touched it yet: do it when the page is idle.
  const whenIdle = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 200));
  whenIdle(() => queued() && load().catch(() => {}));
  addEventListener('online', () => queued() && load().catch(() => {}));

  const api: ErrataApi = {
    open: () => !isDialogOpen() && request(selected()),
    report: (options = {}) => {
      const range = options.range ?? selected();
      return load().then((dialog) => dialog.report(options, range));
    },
  };
  window.Errata = api;
}
