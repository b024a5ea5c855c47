import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { copyTables, digestTables, tablesWithRows } from '../store/data-move.ts';
import { parseDatabaseUrl } from '../store/database-url.ts';
import { intakeFileOf } from '../store/intake-file.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore } from '../store/open-store.ts';
import { moveIntake } from '../store/report-intake-store.ts';
import { withoutPassword } from './banner.ts';

/**
 * `errata migrate-data --from URL --to URL [--continue]`: moves an installation, e.g. from its
 * SQLite file to PostgreSQL. Both schemas are brought up to date first; a target holding rows
 * is refused unless `--continue` says a copy that was cut short is being resumed. Ends by
 * comparing each table's row count and content digest; returns the exit code.
 */
export async function migrateData(
  args: string[],
  print: (line: string) => void = console.log,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, to: { type: 'string' }, continue: { type: 'boolean' } },
  });
  if (!values.from || !values.to) throw new Error('migrate-data needs --from URL and --to URL');
  const source = parseDatabaseUrl(values.from);
  if (source.kind === 'sqlite' && !existsSync(source.file))
    throw new Error(`there is no database at ${source.file}`);
  if (values.from === values.to) throw new Error('--from and --to name the same database');
  // A SQLite server keeps reports not yet grouped in a file beside the database: they move too.
  const from = openStore(values.from, {
    intakeApart: source.kind === 'sqlite' && existsSync(intakeFileOf(source.file)),
  });
  const to = openStore(values.to);
  try {
    await migrateToLatest(from.db);
    await migrateToLatest(to.db);
    if (from.intake !== from.db) await moveIntake(from.intake, from.db);
    const filled = await tablesWithRows(to.db);
    if (filled.length > 0 && !values.continue) {
      const what = filled.map((t) => `${t.table} ${t.rows}`).join(', ');
      throw new Error(
        `${withoutPassword(values.to)} holds rows already (${what}): give --continue to resume a copy that was cut short`,
      );
    }
    print(`copying ${withoutPassword(values.from)} → ${withoutPassword(values.to)}`);
    await copyTables(from.db, to.db, (table, copied, total) => {
      if (copied === total) print(`  ${table}: ${total} rows`);
    });
    const [before, after] = await Promise.all([digestTables(from.db), digestTables(to.db)]);
    const differing = before.filter((table, i) => {
      const copy = after[i];
      return copy?.rows !== table.rows || copy.digest !== table.digest;
    });
    if (differing.length > 0) {
      for (const table of differing) {
        const copy = after.find((t) => t.table === table.table);
        print(
          `  ${table.table}: ${table.rows} rows in the source, ${copy?.rows} in the copy, contents differ`,
        );
      }
      print(
        'the copy does not match its source: the tables above differ (was the source written to meanwhile?)',
      );
      return 1;
    }
    const rows = before.reduce((sum, t) => sum + t.rows, 0);
    print(`verified: ${before.length} tables, ${rows} rows, the same counts and contents in both`);
    return 0;
  } finally {
    await from.close();
    await to.close();
  }
}
