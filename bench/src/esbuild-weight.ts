import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';

/**
 * The settings the widget is built with (packages/widget/build.ts): one minified IIFE for
 * ES2020 browsers. Peers are bundled with them so their weights compare with the widget's.
 */
const WIDGET_LIKE = {
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'silent',
} as const;

/** Bytes and gzip -9 bytes of a piece of JavaScript. */
export interface CodeWeight {
  bytes: number;
  gzipBytes: number;
}

export function codeWeight(code: Uint8Array | string): CodeWeight {
  const buffer = typeof code === 'string' ? Buffer.from(code) : code;
  return { bytes: buffer.length, gzipBytes: gzipSync(buffer, { level: 9 }).length };
}

/** Bundles an entry module given as source (imports resolved from `resolveDir`) and weighs the bundle. */
export async function bundleWeight(entry: string, resolveDir: string): Promise<CodeWeight> {
  const result = await build({
    ...WIDGET_LIKE,
    stdin: { contents: entry, resolveDir, loader: 'js', sourcefile: 'peer-entry.js' },
    bundle: true,
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no bundle');
  return codeWeight(output.contents);
}

/** A script as shipped, minified again by esbuild (no bundling): shows whether it was minified already. */
export async function reminifiedWeight(code: string): Promise<CodeWeight> {
  const { minify, target, legalComments } = WIDGET_LIKE;
  return codeWeight((await transform(code, { minify, target, legalComments, loader: 'js' })).code);
}
