/**
 * The boundary between the loader (widget.js, on every page) and the parts it loads on
 * demand (widget-dialog.js and the reader's widget-lang-<code>.js; widget-status.js for a
 * reader who reported before; widget-solver.js, which the dialog part adds when the server asks
 * for proof of work, and which sets `window.__errataSolve`). Each other part announces itself by
 * calling `window.__errata(part)` when it runs; the loader then starts the dialog part with
 * a LoaderContext and talks to it only through DialogApi. Keep both small and stable: for a
 * few minutes after a deploy an old loader may start a new dialog part.
 */
import type { ProofOfWorkChallenge } from '@errata/core';
import type { ErrataReceipt, ErrataReportOptions, ErrataStrings } from '../errata.d.ts';
import type { WidgetConfig } from './loader/config.ts';

/** What the loader hands the dialog part once it (and the language file) have run. */
export interface LoaderContext {
  config: WidgetConfig;
  /** The reader's language (one the widget speaks). */
  lang: string;
  /** That language's strings, from its file. */
  strings: ErrataStrings;
  /** The article root holding a range, under the site's data-root; null when the range is not in the article. */
  rootOf(range: Range): Element | null;
  /** A copy of the reader's selection when it holds text of the article, else null. */
  selected(): Range | null;
  /** Whether a key press is the report shortcut (the loader's own test, not bundled twice). */
  isShortcut(event: KeyboardEvent): boolean;
  /**
   * Adds another part by name (widget-solver, when the server asks for proof of work); it
   * resolves once the part has run. Absent from a loader older than the solver part.
   */
  add?(part: string): Promise<unknown>;
}

/** What the dialog part gives the loader back. */
export interface DialogApi {
  /** Opens the report dialog for a range (the hint instead when it holds no article text). */
  open(range: Range): void;
  /** Shows the hint to select the words with the mistake first. */
  hint(): void;
  /** Errata.report(): sends a report of the range without the dialog. */
  report(options: ErrataReportOptions, range: Range | null): Promise<ErrataReceipt | null>;
}

/** What the loader hands the status part (loaded when this reader has sent reports to the site before). */
export interface StatusContext {
  config: WidgetConfig;
  /** The reader's language (one the widget speaks). */
  lang: string;
}

/** A part announcing itself: the dialog part's start function, a language file's strings, or the status part. */
export type WidgetPart =
  | ((context: LoaderContext) => DialogApi)
  | ErrataStrings
  | { thank(context: StatusContext): void };

declare global {
  interface Window {
    /** Set by the loader while it waits for its parts; not for sites. */
    __errata?: (part: WidgetPart) => void;
    /** Set by the solver part: solves a proof-of-work challenge into a report's `altcha` field; not for sites. */
    __errataSolve?: (challenge: ProofOfWorkChallenge) => Promise<string>;
  }
}
