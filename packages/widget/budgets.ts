/**
 * The widget's gzip budgets (numbers in budgets.json, nowhere else), measured on the built
 * files. build.ts fails past them and src/budgets.test.ts fails CI past them.
 * - loader: widget.js, the file every article page loads.
 * - reporting: everything a reader who reports downloads: the loader, the dialog part and
 *   their language file (the heaviest language counts).
 * - thanked: what a reader who reported before downloads on a later visit to be thanked:
 *   the loader and the status part.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Budgets {
  /** Gzipped bytes of dist/widget.js. */
  loader: number;
  /** Gzipped bytes of widget.js + widget-dialog.js + the heaviest widget-lang-*.js. */
  reporting: number;
  /** Gzipped bytes of widget.js + widget-status.js. */
  thanked: number;
}

export const budgets: Budgets = JSON.parse(readFileSync(new URL('./budgets.json', import.meta.url), 'utf8'));

/** The loader's file name: what the script tag names and the server serves at /widget.js. */
export const LOADER_FILE = 'widget.js';
/** The dialog part's file name, with the build's hash of all parts. */
export const DIALOG_PART = (version: string) => `widget-dialog-${version}.js`;
/** The status part's file name (the thank-you on a later visit), with the build's hash of all parts. */
export const STATUS_PART = (version: string) => `widget-status-${version}.js`;
/** A language file's name, with the build's hash of all parts. */
export const languagePart = (code: string, version: string) => `widget-lang-${code}-${version}.js`;

/** Gzip -9 bytes of a file, as a CDN or nginx gzip_static would send it. */
export function gzipBytes(path: string): number {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

export interface WidgetWeights {
  loader: number;
  dialog: number;
  status: number;
  /** What a reader thanked on a later visit downloads: the loader and the status part. */
  thanked: number;
  /** Gzipped bytes of each language file, by language code. */
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
  const loader = gzipBytes(join(dist, LOADER_FILE));
  const dialog = gzipBytes(join(dist, dialogFile));
  const statusFile = files.find((file) => /^widget-status-\w+\.js$/.test(file));
  if (!statusFile)
    throw new Error(`no widget-status-<hash>.js in ${dist}: run npm run build -w @errata/widget`);
  const status = gzipBytes(join(dist, statusFile));
  const languages: Record<string, number> = {};
  const reporting: Record<string, number> = {};
  for (const file of files) {
    const code = /^widget-lang-([a-z]+)-\w+\.js$/.exec(file)?.[1];
    if (!code) continue;
    languages[code] = gzipBytes(join(dist, file));
    reporting[code] = loader + dialog + languages[code];
  }
  return { loader, dialog, status, thanked: loader + status, languages, reporting };
}

/** A sentence for each budget the weights exceed; empty when all fit. */
export function overBudget(weights: WidgetWeights): string[] {
  const over: string[] = [];
  if (weights.loader > budgets.loader) {
    over.push(`${LOADER_FILE} is ${weights.loader} B gzipped, over its budget of ${budgets.loader} B`);
  }
  for (const [code, bytes] of Object.entries(weights.reporting)) {
    if (bytes > budgets.reporting) {
      over.push(
        `a reader reporting in ${code} downloads ${bytes} B gzipped, over the budget of ${budgets.reporting} B`,
      );
    }
  }
  if (weights.thanked > budgets.thanked) {
    over.push(
      `a reader thanked on a later visit downloads ${weights.thanked} B gzipped, over the budget of ${budgets.thanked} B`,
    );
  }
  return over;
}
