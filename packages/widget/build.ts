/**
 * Builds the widget into dist/ and fails when it grows past its budgets (budgets.json):
 * - widget.js: the loader every page loads (+ .map), served at /widget.js;
 * - widget-dialog-<hash>.js: the dialog part, loaded on demand (+ .map);
 * - widget-lang-<code>-<hash>.js: one per language, UTF-8 behind a byte order mark (below);
 * - widget-status-<hash>.js: the status part, loaded on a later visit of a reader who
 *   reported before, to thank them for corrected mistakes; it carries every language's
 *   thank-you sentence (`corrected`, left out of the language files: a reporting reader
 *   does not need it); it stays ASCII like the dialog part (escaped, its text compresses
 *   better than as UTF-8);
 * - widget-solver-<hash>.js: the proof-of-work solver, loaded by the dialog part only when the
 *   server answers a report with a challenge (a site that turned proof of work on);
 * - errata.d.ts: the public types, for sites' developers.
 * The parts' names carry one hash of all their contents: a new build never meets an old
 * cache, so the server may cache them for good (the loader knows the hash; it is cached
 * briefly). Each script is one IIFE, minified, ES2020. The loader and the dialog part are
 * ASCII only (esbuild escapes the rest), so no charset a server or page declares can garble
 * them; the language files are mostly non-Latin text, which \u escapes would triple, so they
 * are UTF-8 starting with a byte order mark, which browsers honour above any declared charset.
 * Source maps sit beside the loader and dialog part, not inside them.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build, transform } from 'esbuild';
import { precompressFolder } from '../../scripts/precompress.ts';
import {
  budgets,
  DIALOG_PART,
  LOADER_FILE,
  languagePart,
  overBudget,
  SOLVER_PART,
  STATUS_PART,
  weighWidget,
} from './budgets.ts';
import type { ErrataStrings } from './errata.d.ts';

const here = import.meta.dirname;
const dist = join(here, 'dist');
const langDir = join(here, 'src', 'lang');

const common = {
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2020',
  charset: 'ascii',
  legalComments: 'none',
  // No "use strict" prologue (the code is type-checked strict TypeScript): bytes every reader would download.
  tsconfigRaw: { compilerOptions: { alwaysStrict: false } },
  logLevel: 'warning',
  // 'external' makes the .map without a sourceMappingURL comment in the script itself.
  sourcemap: 'external',
  write: false,
} as const satisfies BuildOptions;

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);

const dialog = await build({
  ...common,
  entryPoints: [join(here, 'src', 'dialog', 'index.ts')],
  outfile: join(dist, 'dialog.js'),
});
const dialogScript = dialog.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
const dialogMap = dialog.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '';

const languages = readdirSync(langDir)
  .map((file) => /^([a-z]{2,3})\.ts$/.exec(file)?.[1])
  .filter((code): code is string => code !== undefined)
  .sort();
const languageScripts = new Map<string, string>();
const thanks: Record<string, { corrected: string; close: string }> = {};
for (const code of languages) {
  const { corrected, ...strings } = (
    (await import(join(langDir, `${code}.ts`))) as { default: ErrataStrings }
  ).default;
  thanks[code] = { corrected, close: strings.close };
  const { code: script } = await transform(`self.__errata?.(${JSON.stringify(strings)})`, {
    minify: true,
    target: 'es2020',
    charset: 'utf8',
  });
  languageScripts.set(code, `\ufeff${script}`);
}

const status = await build({
  ...common,
  entryPoints: [join(here, 'src', 'status', 'index.ts')],
  outfile: join(dist, 'status.js'),
  define: { __ERRATA_THANKS__: JSON.stringify(thanks) },
});
const statusScript = status.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
const statusMap = status.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '';

const solver = await build({
  ...common,
  entryPoints: [join(here, 'src', 'solver', 'index.ts')],
  outfile: join(dist, 'solver.js'),
});
const solverScript = solver.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
const solverMap = solver.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '';

const hash = createHash('sha256').update(dialogScript).update(statusScript).update(solverScript);
for (const script of languageScripts.values()) hash.update(script);
const version = hash.digest('hex').slice(0, 10);
writeFileSync(join(dist, DIALOG_PART(version)), dialogScript);
writeFileSync(join(dist, `${DIALOG_PART(version)}.map`), dialogMap);
writeFileSync(join(dist, STATUS_PART(version)), statusScript);
writeFileSync(join(dist, `${STATUS_PART(version)}.map`), statusMap);
writeFileSync(join(dist, SOLVER_PART(version)), solverScript);
writeFileSync(join(dist, `${SOLVER_PART(version)}.map`), solverMap);
for (const [code, script] of languageScripts) writeFileSync(join(dist, languagePart(code, version)), script);

const loader = await build({
  ...common,
  entryPoints: [join(here, 'src', 'loader', 'index.ts')],
  outfile: join(dist, LOADER_FILE),
  define: {
    __ERRATA_VERSION__: JSON.stringify(version),
    __ERRATA_LANGUAGES__: JSON.stringify(languages.join(' ')),
  },
});
for (const file of loader.outputFiles) {
  writeFileSync(join(dist, file.path.endsWith('.map') ? `${LOADER_FILE}.map` : LOADER_FILE), file.contents);
}
copyFileSync(join(here, 'errata.d.ts'), join(dist, 'errata.d.ts'));

// Each file compressed once, here, beside itself: the server sends the best one the browser
// accepts (Brotli, else gzip), so the budgets hold for the bytes readers receive.
precompressFolder(dist);

const weights = weighWidget(dist);
const sizes = Object.values(weights.languages);
console.log(
  `widget (bytes sent, Brotli): loader ${weights.loader} B (budget ${budgets.loader}), dialog ${weights.dialog} B, ` +
    `languages ${Math.min(...sizes)}–${Math.max(...sizes)} B; a reporting reader downloads at most ` +
    `${Math.max(...Object.values(weights.reporting))} B (budget ${budgets.reporting}); a reader thanked on a later ` +
    `visit downloads ${weights.thanked} B (status part ${weights.status} B, budget ${budgets.thanked}); ` +
    `where a site asks for proof of work, the solver part adds ${weights.solver} B (budget ${budgets.solver})`,
);
const over = overBudget(weights);
for (const sentence of over) console.error(sentence);
if (over.length > 0) process.exitCode = 1;
