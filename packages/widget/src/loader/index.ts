/**
 * widget.js, the loader every article page loads: while the page starts it only listens for
 * Ctrl+Enter / ⌘+Enter and selections, binds the site's own button and exposes
 * `window.Errata` (bench/: ≤ 1 ms of main-thread time). Once the page has loaded and is idle it
 * looks in localStorage for work an earlier visit left: a report to send (then
 * it loads the dialog part) or ids of sent reports to ask about (then the status part, which
 * thanks the reader for a mistake since corrected). It makes no request until the reader
 * selects text in the article (or asks to report): then it loads the dialog part and the
 * reader's language file, which do everything else.
 */
import type { ErrataApi, ErrataStrings } from '../../errata.d.ts';
import type { DialogApi, LoaderContext } from '../contract.ts';
import { queueKey } from '../delivery/queue-key.ts';
import { receiptsKey } from '../delivery/receipts-key.ts';
import { isDialogOpen } from '../hosts.ts';
import { addScript } from './add-script.ts';
import { articleRootOf } from './article-root.ts';
import { readConfig, type WidgetConfig } from './config.ts';
import { isReportShortcut, isTypingTarget } from './shortcut.ts';
import { uiLanguage } from './ui-language.ts';

/** Hash of the parts this loader was built with, in their names: they change name with their content, so they may be cached for good. */
declare const __ERRATA_VERSION__: string;
/** The languages the widget speaks (each has a file), space-separated. */
declare const __ERRATA_LANGUAGES__: string;

// currentScript is only set while this file's code first runs, so it is kept right away; its
// attributes are read on first use: every page pays for start-up, few readers report.
const script = document.currentScript as HTMLScriptElement | null;

// A second copy of the embed on the same page stays quiet.
if (script && !window.Errata) {
  let config: WidgetConfig | null | undefined;
  /** Reads the embed's settings on first use; false for a broken embed, which stays inert (readConfig says why once). */
  const ready = () => {
    if (config === undefined) config = readConfig(script);
    return config !== null;
  };
  let lang: string | undefined;
  const language = () => (lang ??= uiLanguage(config!.lang, __ERRATA_LANGUAGES__.split(' ')));
  /** Adds one of the parts; they come from where the loader came from, named with this build's hash. */
  const add = (part: string) => addScript(`${config!.files}${part}-${__ERRATA_VERSION__}.js`, config!.nonce);
  let start: ((context: LoaderContext) => DialogApi) | undefined;
  let strings: ErrataStrings | undefined;
  let parts: Promise<DialogApi> | undefined;
  window.__errata = (part) => {
    if (typeof part === 'function') start = part;
    // The status part runs once the page is idle and the reader has reported before: thank them now.
    else if ('thank' in part) part.thank({ config: config!, lang: language() });
    else strings = part;
  };
  const rootOf = (range: Range) => articleRootOf(range, config!.root);
  /** A copy of the reader's selection when it holds text of the article, else null. */
  const selected = (): Range | null => {
    const selection = document.getSelection();
    const range = selection?.rangeCount && !selection.isCollapsed ? selection.getRangeAt(0) : null;
    return range && ready() && /\S/.test(range.toString()) && rootOf(range) ? range.cloneRange() : null;
  };
  /** The dialog part, started; loaded with the language file on first use, and again after a failed load. */
  const load = (): Promise<DialogApi> => {
    if (!ready()) return Promise.reject(Error('Errata widget off'));
    parts ??= Promise.all([
      add('widget-dialog'),
      // A language file that fails to load leaves the reader with English, not without a dialog.
      add(`widget-lang-${language()}`).catch(() => {
        lang = 'en';
        return add('widget-lang-en');
      }),
    ])
      .then(() =>
        (start as NonNullable<typeof start>)({
          config: config!,
          lang: language(),
          strings: strings as ErrataStrings,
          rootOf,
          selected,
          isShortcut: isReportShortcut,
          add,
        }),
      )
      .catch((error) => {
        parts = undefined;
        throw error;
      });
    return parts;
  };
  const quietly = () => {};

  /** Opens the dialog for a selection, or shows the hint to select first; says whether there was a selection. */
  const request = (range: Range | null): boolean => {
    load().then((dialog) => (range ? dialog.open(range) : dialog.hint()), console.warn);
    return range !== null;
  };

  document.addEventListener('keydown', (event) => {
    if (
      event.defaultPrevented ||
      event.repeat ||
      !isReportShortcut(event) ||
      isTypingTarget(event) ||
      !ready()
    )
      return;
    const range = selected();
    // With nothing selected, Ctrl+Enter on a focused link or button is the browser's (open in a new tab).
    if (isDialogOpen() || (!range && (event.target as Element).closest?.('a,button'))) return;
    event.preventDefault();
    request(range);
  });
  // The site's own button (data-button="<css selector>"), wherever and whenever it appears on the page.
  const button = script.getAttribute('data-button')?.trim();
  if (button && button !== 'auto' && button !== 'off') {
    document.addEventListener('click', (event) => {
      try {
        if (!(event.target as Element).closest?.(button) || !ready()) return;
      } catch {
        return; // Not a valid selector: nothing to bind.
      }
      event.preventDefault();
      request(selected());
    });
  }

  /** Whether this site has something under a key in localStorage (the first read on a page may cost a millisecond). */
  const stored = (key: (site: string) => string) => {
    try {
      return !!localStorage.getItem(key(config!.site));
    } catch {
      return false; // Storage blocked: nothing was kept.
    }
  };
  const sendQueued = () => stored(queueKey) && load().catch(quietly);
  // Prefetch: a reader who selects text in the article may be about to report it.
  document.addEventListener('selectionchange', () => !parts && selected() && load().catch(quietly));
  /** What can wait until the page has loaded and is idle. */
  const afterStart = () => {
    if (!ready()) return;
    addEventListener('online', sendQueued);
    sendQueued();
    if (stored(receiptsKey)) add('widget-status').catch(quietly);
  };
  const whenIdle = () => (window.requestIdleCallback ?? setTimeout)(afterStart);
  if (document.readyState === 'complete') whenIdle();
  else addEventListener('load', whenIdle);

  const api: ErrataApi = {
    open: () => !isDialogOpen() && request(selected()),
    report: (options = {}) => {
      const range = options.range ?? selected();
      return load().then((dialog) => dialog.report(options, range));
    },
  };
  window.Errata = api;
}
