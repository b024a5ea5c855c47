/**
 * The widget's budgets (numbers in budgets.json, nowhere else) in bytes the server sends: the
 * Brotli copy the build writes beside each file, which the server sends to every browser that
 * accepts it (all that run the widget, over HTTPS); e2e/wire-budget.test.ts counts them over
 * the wire. build.ts fails past them and src/budgets.test.ts fails CI past them.
 * - loader: widget.js, the file every article page loads.
 * - reporting: everything a reader who reports downloads: the loader, the dialog part and
 *   their language file (the heaviest language counts).
 * - thanked: what a reader who reported before downloads on a later visit to be thanked:
 *   the loader and the status part.
 * - solver: the proof-of-work solver part, which only readers of a site that turned proof of
 *   work on download, on top of `reporting`, when they send a report.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';

export interface Budgets {
  /** Bytes sent (Brotli) of dist/widget.js. */
  loader: number;
  /** Bytes sent (Brotli) of widget.js + widget-dialog.js + the heaviest widget-lang-*.js. */
  reporting: number;
  /** Bytes sent (Brotli) of widget.js + widget-status.js. */
  thanked: number;
  /** Bytes sent (Brotli) of widget-solver.js. */
  solver: number;
}

export const budgets: Budgets = JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url), 'utf8'));

/** The loader's file name: what the script tag names and the server serves at /widget.js. */
export const LOADER_FILE = 'widget.js';
/** The dialog part's file name, with the build's hash of all parts. */
export const DIALOG_PART = (version: string) => `widget-dialog-${version}.js`;
/** The status part's file name (the thank-you on a later visit), with the build's hash of all parts. */
export const STATUS_PART = (version: string) => `widget-status-${version}.js`;
/** The proof-of-work solver part's file name, with the build's hash of all parts. */
export const SOLVER_PART = (version: string) => `widget-solver-${version}.js`;
/** A language file's name, with the build's hash of all parts. */
export const languagePart = (code: string, version: string) => `widget-lang-${code}-${version}.js`;

/** Bytes of a file as the server sends it to a browser accepting Brotli (quality 11, as the build writes it). */
export function sentBytes(path: string): number {
  return brotliCompressSync(readFileSync(path), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } })
    .length;
}

export interface WidgetWeights {
  loader: number;
  dialog: number;
  status: number;
  /** The proof-of-work solver part (only where a site asks for proof of work). */
  solver: number;
  /** What a reader thanked on a later visit downloads: the loader and the status part. */
  thanked: number;
  /** Bytes sent (Brotli) of each language file, by language code. */
  languages: Record<string, number>;
  /** What a reader reporting in each language downloads. */
  reporting: Record<string, number>;
}

/** Weighs the built widget in a dist folder. */
export function weighWidget(dist: string): WidgetWeights {
  const files = readdirSync(dist).sort();
  const dialogFile = files.find((file) => /^widget-dialog-\w+\.js$/.test(file));
  if (!dialogFile)
    throw new Error(`no widget-dialog-<hash>.js in ${dist}: run npm run build -w @errata/widget`);
  const loader = sentBytes(join(dist, LOADER_FILE));
  const dialog = sentBytes(join(dist, dialogFile));
  const statusFile = files.find((file) => /^widget-status-\w+\.js$/.test(file));
  if (!statusFile)
    throw new Error(`no widget-status-<hash>.js in ${dist}: run npm run build -w @errata/widget`);
  const status = sentBytes(join(dist, statusFile));
  const solverFile = files.find((file) => /^widget-solver-\w+\.js$/.test(file));
  if (!solverFile)
    throw new Error(`no widget-solver-<hash>.js in ${dist}: run npm run build -w @errata/widget`);
  const solver = sentBytes(join(dist, solverFile));
  const languages: Record<string, number> = {};
  const reporting: Record<string, number> = {};
  for (const file of files) {
    const code = /^widget-lang-([a-z]+)-\w+\.js$/.exec(file)?.[1];
    if (!code) continue;
    languages[code] = sentBytes(join(dist, file));
    reporting[code] = loader + dialog + languages[code];
  }
  return { loader, dialog, status, solver, thanked: loader + status, languages, reporting };
}

/** A sentence for each budget the weights exceed; empty when all fit. */
export function overBudget(weights: WidgetWeights): string[] {
  const over: string[] = [];
  if (weights.loader > budgets.loader) {
    over.push(
      `${LOADER_FILE} is ${weights.loader} B as sent (Brotli), over its budget of ${budgets.loader} B`,
    );
  }
  for (const [code, bytes] of Object.entries(weights.reporting)) {
    if (bytes > budgets.reporting) {
      over.push(
        `a reader reporting in ${code} downloads ${bytes} B as sent (Brotli), over the budget of ${budgets.reporting} B`,
      );
    }
  }
  if (weights.thanked > budgets.thanked) {
    over.push(
      `a reader thanked on a later visit downloads ${weights.thanked} B as sent (Brotli), over the budget of ${budgets.thanked} B`,
    );
  }
  if (weights.solver > budgets.solver) {
    over.push(
      `the proof-of-work solver part is ${weights.solver} B as sent (Brotli), over its budget of ${budgets.solver} B`,
    );
  }
  return over;
}
