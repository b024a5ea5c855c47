import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FileWeight, jsWeights } from './gzip-size.ts';

/** The widget's entry file: the one a page's script tag names, loaded on every article page. */
export const LOADER_FILE = 'widget.js';
/** The language the "reporting reader" figures of the comparison use. */
export const REFERENCE_LANGUAGE = 'en';

/**
 * The built widget's .js files, sorted into parts by name (an assumption about the build,
 * not read from it):
 * - `widget.js`: the loader;
 * - `widget-lang-<code>….js` (code: 2–3 lower-case letters): one file per language; a
 *   reporting reader downloads one of them;
 * - `widget-status….js`: the status part, downloaded on a later visit by a reader who
 *   reported before (to thank them), never by a reader reporting now;
 * - `widget-solver….js`: the proof-of-work solver, downloaded only where a site asks for
 *   proof of work, not counted in a reporting reader's download;
 * - every other .js file (`widget-dialog….js`, shared chunks): downloaded by every reporting
 *   reader, on top of the loader.
 * With only widget.js there, it is the whole widget: what every page loads and all a
 * reporting reader downloads.
 */
export interface WidgetParts {
  loader: FileWeight;
  /** The other parts every reporting reader downloads (the dialog part), by name. */
  shared: FileWeight[];
  /** One file per language, by language code. */
  languages: Map<string, FileWeight>;
  /** Parts only some readers download (the status part on a later visit, the proof-of-work solver where a site asks for it), not counted in a reporting reader's download. */
  later: FileWeight[];
}

/** What a reader who reports in one language downloads: the loader, the shared parts and that language's file. */
export interface Download {
  /** The language, or null when the widget has no language files. */
  lang: string | null;
  files: string[];
  gzipBytes: number;
  /** The bytes Errata sends for them to a browser accepting Brotli. */
  sentBytes: number;
}

const LANGUAGE_FILE = /^widget-lang-([a-z]{2,3})(?![a-z])/;
const STATUS_FILE = /^widget-status[-.]/;
/** The proof-of-work solver: only readers of a site that asks for proof of work download it. */
const SOLVER_FILE = /^widget-solver[-.]/;

export function widgetParts(dist: string): WidgetParts {
  const files = existsSync(dist) ? jsWeights(dist) : [];
  const loader = files.find((f) => f.file === LOADER_FILE);
  if (!loader) throw new Error(`packages/widget/dist has no ${LOADER_FILE}: run npm run build`);
  const shared: FileWeight[] = [];
  const languages = new Map<string, FileWeight>();
  const later: FileWeight[] = [];
  for (const file of files) {
    if (file === loader) continue;
    const code = LANGUAGE_FILE.exec(file.file)?.[1];
    if (code) languages.set(code, file);
    else if (STATUS_FILE.test(file.file) || SOLVER_FILE.test(file.file)) later.push(file);
    else shared.push(file);
  }
  return { loader, shared, languages, later };
}

/** All a reader reporting in `lang` downloads (without language files: loader and shared parts). */
export function reportingDownload(parts: WidgetParts, lang: string | null): Download {
  const language = lang === null ? undefined : parts.languages.get(lang);
  if (lang !== null && !language) throw new Error(`the widget has no language file for "${lang}"`);
  const files = [parts.loader, ...parts.shared, ...(language ? [language] : [])];
  return {
    lang: language ? lang : null,
    files: files.map((f) => f.file),
    gzipBytes: files.reduce((total, f) => total + f.gzipBytes, 0),
    sentBytes: files.reduce((total, f) => total + f.sentBytes, 0),
  };
}

/** The reporting download of the language whose file is heaviest (the budget's worst case), by gzip or by bytes sent. */
export function heaviestDownload(parts: WidgetParts, by: 'gzipBytes' | 'sentBytes' = 'gzipBytes'): Download {
  let heaviest: string | null = null;
  for (const [code, file] of parts.languages) {
    if (heaviest === null || file[by] > parts.languages.get(heaviest)![by]) heaviest = code;
  }
  return reportingDownload(parts, heaviest);
}

/** The widget's gzip budgets: packages/widget/budgets.json when the widget has one, else these defaults. */
export function widgetBudgets(repoRoot: string): { loader: number; reporting: number; source: string } {
  const file = join(repoRoot, 'packages/widget/budgets.json');
  const defaults = { loader: 2 * 1024, reporting: 8 * 1024 };
  if (!existsSync(file)) return { ...defaults, source: 'bench defaults' };
  const read = JSON.parse(readFileSync(file, 'utf8')) as Partial<typeof defaults>;
  return {
    loader: read.loader ?? defaults.loader,
    reporting: read.reporting ?? defaults.reporting,
    source: 'packages/widget/budgets.json',
  };
}
