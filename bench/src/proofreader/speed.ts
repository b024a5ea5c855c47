/**
 * The proofreader's costs: a dictionary's first load and the RSS the engine adds, each in a
 * fresh process (probe.ts), and a warm check of a ~2,000-word article in this one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@errata/proofreader';
import { median } from '../median.ts';

const PROBE = fileURLToPath(new URL('./probe.ts', import.meta.url));
/** Checks timed after the warm-ups; the figure is their median. */
export const WARM_RUNS = 30;
const WARM_UPS = 3; // The first check loads the dictionary and fills the caches.

export interface ProbeResult {
  importMs: number;
  loadMs: number;
  rssBefore: number;
  rssAfter: number;
}

/** Runs probe.ts in a fresh Node process (with tsx, and gc exposed so RSS is read after a collection). */
export function probe(repoRoot: string, args: string[]): ProbeResult {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', PROBE, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as ProbeResult;
}

/** The RSS a fresh process gains importing the engine, loading `lang` and checking `text` five times. */
export function addedRss(repoRoot: string, lang: string, text: string): ProbeResult {
  const folder = mkdtempSync(join(tmpdir(), 'errata-proofreader-bench-'));
  try {
    const file = join(folder, 'article.txt');
    writeFileSync(file, text);
    return probe(repoRoot, ['memory', lang, file]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Median ms of a warm check of `text` (all rules, suggestions cached after the warm-ups). */
export async function warmCheckMs(text: string, lang: string): Promise<{ median: number; runs: number[] }> {
  for (let i = 0; i < WARM_UPS; i++) await check(text, { lang });
  const runs: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    const started = performance.now();
    await check(text, { lang });
    runs.push(performance.now() - started);
  }
  return { median: median(runs), runs };
}
