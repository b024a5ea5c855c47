import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlibConstants } from 'node:zlib';

/**
 * A file's size raw, gzipped at level 9 (what a CDN or nginx gzip_static would send, and how
 * peers are compared), and as Errata sends it to a browser accepting Brotli: the .br copy the
 * build writes beside it (e2e/wire-budget.test.ts counts the same bytes over the wire), else
 * Brotli at quality 11.
 */
export interface FileWeight {
  file: string;
  bytes: number;
  gzipBytes: number;
  sentBytes: number;
}

export function fileWeight(path: string, file = path): FileWeight {
  const content = readFileSync(path);
  const sentBytes = existsSync(`${path}.br`)
    ? statSync(`${path}.br`).size
    : brotliCompressSync(content, { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length, sentBytes };
}

/** Weights of the .js files directly in a folder (source maps and other files skipped), by name. */
export function jsWeights(folder: string): FileWeight[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => fileWeight(join(folder, name), name));
}
