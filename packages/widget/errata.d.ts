/**
 * The Errata widget's public surface: `window.Errata`, `window.ErrataConfig` and the DOM events
 * on `document`. Self-contained: copy it into a site's code base (the build also puts it
 * in `dist/`, served as `/widget/errata.d.ts`). The widget's own source is typed against this
 * file, so the two cannot drift apart.
 */

/** Every text a reader sees; a site may override any of them (see ErrataConfig.strings). */
export interface ErrataStrings {
  /** The dialog's title. */
  title: string;
  /** Label of the button that appears beside a selection; the title when absent. */
  button?: string;
  /** Label of the correction field. */
  correction: string;
  /** Label of the comment field. */
  comment: string;
  /** Placeholder of the comment field. */
  commentHint: string;
  /** The send button. */
  send: string;
  /** The button that closes the dialog without sending. */
  cancel: string;
  /** The button that closes the dialog once there is nothing left to send. */
  close: string;
  /** Said while a report is on its way. */
  sending: string;
  /** Said once the server has the report. */
  thanks: string;
  /** Said instead of the form when the selection is too long; `{max}` becomes the limit in characters. */
  tooLong: string;
  /** The hint shown when the reader asks to report with nothing selected. */
  selectFirst: string;
  /** Said when the report was kept to be sent once the reader is back online. */
  offline: string;
  /** Said when the server could not take the report now (busy, down, too many reports) and it was kept to be sent later. */
  later: string;
  /** Said when the server refused the report without saying why. */
  failed: string;
  /** Label of the choice of what kind of mistake it is. */
  kind: string;
  /** The kinds to choose from (ErrataReportKind); `typo` is chosen at first. */
  typo: string;
  factual: string;
  link: string;
  other: string;
  /** Label of the optional e-mail field (only with `data-reader-email="on"`). */
  email: string;
  /** The thank-you on a later visit once a reported mistake was corrected; `{quote}` becomes the reported words. */
  corrected: string;
}

/** What kind of mistake a reader reports: a typo, a factual error, a broken link or media, or something else. */
export type ErrataReportKind = 'typo' | 'factual' | 'link' | 'other';

/** The languages the widget speaks (ISO 639-1). Others get English. */
export type ErrataLanguage =
  | 'en'
  | 'ru'
  | 'uk'
  | 'be'
  | 'cs'
  | 'pl'
  | 'de'
  | 'fr'
  | 'es'
  | 'pt'
  | 'it'
  | 'ar';

/**
 * Settings a site may put on `window` before the widget's script runs (an inline script, or
 * a script file of the site's own under a strict Content-Security-Policy).
 * @example window.ErrataConfig = { strings: { en: { button: 'Typo?' }, de: { button: 'Tippfehler?' } } };
 */
export interface ErrataConfig {
  /** Texts to use instead of the widget's own, by language. */
  strings?: Partial<Record<ErrataLanguage, Partial<ErrataStrings>>>;
}

/** Where the reported words sit on the page (W3C Web Annotation selectors over the article root's text). */
export interface ErrataDraft {
  /** The site's public key (`data-site`). */
  site: string;
  /** The page's address as the browser loaded it, without the hash. */
  url: string;
  /** The page's canonical link, if it has one; the server files the report under it when it is one of the site's addresses. */
  canonical?: string;
  /** The element the position counts in: the `index`-th (from 0) element on the page matching `selector`. */
  root?: { selector: string; index: number };
  /** The page's title. */
  title?: string;
  /** The page's language tag. */
  lang?: string;
  /** The selected words, trimmed, with up to 64 characters of text on each side. */
  quote: { exact: string; prefix: string; suffix: string };
  /** Offsets of the words in the article root's text, in UTF-16 code units. */
  position: { start: number; end: number };
}

/** A report as sent: the draft, what the reader typed and the report's own id. */
export interface ErrataReport extends ErrataDraft {
  /** The reader's correction of the quote; absent when unchanged. */
  suggestion?: string;
  /** The reader's comment. */
  comment?: string;
  /** Random id made once per report, so that a resent report is counted once. */
  clientId?: string;
  /** What kind of mistake the reader chose; absent means 'typo'. */
  kind?: ErrataReportKind;
  /** The reader's address for one e-mail once the mistake is fixed (only where the site allows it). */
  email?: string;
}

/** The server's receipt for a stored report. */
export interface ErrataReceipt {
  /** The report's id. */
  id: string;
  /**
   * The erratum (one mistake at one spot) the report joined. The widget does not wait for the
   * server to group the report, so this is absent; it stays in the type for scripts that do.
   */
  erratum?: {
    id: string;
    /** Reports of this spot so far, this one included. */
    reports: number;
    /** 'open', 'fixed', 'verified', 'rejected' or 'spam'. */
    status: string;
  };
}

/** Why a report did not reach the server; `message` is a sentence for the reader. */
export interface ErrataError extends Error {
  name: 'ErrataError';
  /** The server's HTTP status; 0 when there was no answer (offline, timeout) or nothing was sent. */
  status: number;
  /** True when the report was kept in the browser and will be sent later by itself. */
  queued: boolean;
}

/** What `Errata.report()` sends along with the selected words. */
export interface ErrataReportOptions {
  /** The reader's correction of the words. */
  suggestion?: string;
  /** Anything else the reader wants to say. */
  comment?: string;
  /** What kind of mistake it is; 'typo' when absent. */
  kind?: ErrataReportKind;
  /** The reader's address for one e-mail once it is fixed (refused unless the site allows it). */
  email?: string;
  /** The words to report; the reader's current selection when absent. */
  range?: Range;
}

/** `window.Errata`: for sites that show their own button or form. */
export interface ErrataApi {
  /**
   * Opens the report dialog for the reader's current selection (or, with nothing selected,
   * shows the hint to select the words first). Returns whether something was selected.
   * @example ownButton.addEventListener('click', () => Errata.open());
   */
  open(): boolean;
  /**
   * Sends a report of the current selection (or `options.range`) without the dialog.
   * Resolves with the server's receipt (null only if its answer was unreadable); rejects with
   * an ErrataError whose message is the server's (or the widget's) sentence for the reader.
   * @example Errata.report({ suggestion: 'Minsk' }).then(() => say('Thanks!'), (error) => say(error.message));
   */
  report(options?: ErrataReportOptions): Promise<ErrataReceipt | null>;
}

/** `detail` of the `errata:error` event. */
export interface ErrataErrorDetail {
  report: ErrataReport;
  /** The sentence the reader was shown. */
  message: string;
  status: number;
  /** True when the report was kept and will be sent later (an `errata:sent` follows then). */
  queued: boolean;
}

declare global {
  interface Window {
    Errata?: ErrataApi;
    ErrataConfig?: ErrataConfig;
  }
  interface DocumentEventMap {
    /** The report dialog opened for a selection. */
    'errata:open': CustomEvent<ErrataDraft>;
    /** The server stored a report (also one sent later from the offline queue). */
    'errata:sent': CustomEvent<{ report: ErrataReport; receipt: ErrataReceipt | null }>;
    /** A report was refused, or could not be sent now and was queued (`detail.queued`). */
    'errata:error': CustomEvent<ErrataErrorDetail>;
  }
}
