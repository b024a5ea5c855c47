import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A file's size as served raw and gzipped at level 9 (what a CDN or nginx gzip_static would send). */
export interface FileWeight {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export function fileWeight(path: string, file = path): FileWeight {
  const content = readFileSync(path);
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

/** Weights of the .js files directly in a folder (source maps and other files skipped), by name. */
export function jsWeights(folder: string): FileWeight[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.js'))
    .sort()
    .map((name) => fileWeight(join(folder, name), name));
}
