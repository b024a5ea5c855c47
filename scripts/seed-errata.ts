/**
 * Seeds a SQLite file or a PostgreSQL database with errata for the inbox benchmark
 * (store/inbox-seed.ts says what):
 *
 *   node --import tsx scripts/seed-errata.ts <file.db | postgres://…> [--reports N] [--errata M] [--sites S]
 *
 * Defaults: 1,000,000 reports in 200,000 errata over 50 sites; `--sites 1` puts them all on
 * one site. The file is created (a PostgreSQL database must exist) and migrated if needed;
 * seed an empty one.
 */
import { pathToFileURL } from 'node:url';
import { openStore } from '@errata/server';
import { SEED_DEFAULTS, seedErrata } from '@errata/server/testing';

function numberOption(args: string[], name: string, fallback: number): number {
  const at = args.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number(args[at + 1]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a whole number ≥ 1`);
  return value;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const file = args[0];
  if (!file || file.startsWith('--')) {
    process.stderr.write(
      'usage: node --import tsx scripts/seed-errata.ts <file.db | postgres://…> [--reports N] [--errata M] [--sites S]\n',
    );
    process.exit(2);
  }
  const options = {
    reports: numberOption(args, 'reports', SEED_DEFAULTS.reports),
    errata: numberOption(args, 'errata', SEED_DEFAULTS.errata),
    sites: numberOption(args, 'sites', SEED_DEFAULTS.sites),
  };
  if (options.reports < options.errata)
    throw new Error('--reports must be at least --errata (each erratum has a report)');
  const store = openStore(/^postgres(ql)?:\/\//.test(file) ? file : `sqlite:${file}`);
  const started = performance.now();
  try {
    await seedErrata(store, { ...options, log: (m) => process.stderr.write(`${m}\n`) });
  } finally {
    await store.close();
  }
  process.stderr.write(`seeded ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
