/**
 * Bundles the embed into dist/widget.js (one IIFE, minified, ES2020, its source map beside
 * it, not inside) and fails when it grows past its gzip budget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** Gzipped bytes the whole widget may weigh; a later split gives the loader 2 KB of it. */
const WIDGET_GZIP_BUDGET = 8 * 1024;

const here = import.meta.dirname;
const outfile = join(here, 'dist', 'widget.js');

await build({
  entryPoints: [join(here, 'src', 'index.ts')],
  outfile,
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2020',
  // 'external' writes widget.js.map without a sourceMappingURL comment in the widget itself.
  sourcemap: 'external',
  legalComments: 'none',
  logLevel: 'warning',
});

const bytes = readFileSync(outfile);
const gzipped = gzipSync(bytes, { level: 9 }).length;
console.log(`dist/widget.js: ${bytes.length} bytes, ${gzipped} bytes gzipped (budget ${WIDGET_GZIP_BUDGET})`);
if (gzipped > WIDGET_GZIP_BUDGET) {
  console.error(`widget.js is over its gzip budget by ${gzipped - WIDGET_GZIP_BUDGET} bytes`);
  process.exitCode = 1;
}
