import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname } from 'node:path';
import type { Figure } from './figure.ts';

/** The JSON written to bench/results/latest.json. */
export interface BenchResults {
  date: string;
  node: string;
  cpus: number;
  figures: Figure[];
  /** Measurements that failed, with their error message; absent when all ran. */
  failures?: { measurement: string; error: string }[];
}

export function writeResults(file: string, figures: Figure[], failures: BenchResults['failures'] = []): void {
  const results: BenchResults = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    figures,
    ...(failures.length ? { failures } : {}),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}
