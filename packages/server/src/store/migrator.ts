import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as initial from './migrations/001-initial.ts';
import * as reportClientId from './migrations/002-report-client-id.ts';
import * as errataByPage from './migrations/003-errata-by-page.ts';
import * as errataBySiteId from './migrations/004-errata-by-site-id.ts';
import * as inbox from './migrations/005-inbox.ts';
import * as sitesAccess from './migrations/006-sites-access.ts';
import * as outbox from './migrations/007-outbox.ts';
import * as email from './migrations/008-email.ts';
import * as recheck from './migrations/009-recheck.ts';
import * as errataNearPosition from './migrations/010-errata-near-position.ts';
import * as articleRoot from './migrations/011-article-root.ts';
import * as searchTextPerText from './migrations/012-search-text-per-text.ts';
import * as searchIndex from './migrations/013-search-index.ts';
import * as inboxDateInIndex from './migrations/014-inbox-date-in-index.ts';
import * as signInFailures from './migrations/015-sign-in-failures.ts';
import * as demoNotLocal from './migrations/016-demo-not-local.ts';
import * as retention from './migrations/017-retention.ts';
import * as proofOfWork from './migrations/018-proof-of-work.ts';
import * as spamScore from './migrations/019-spam-score.ts';
import * as proofreader from './migrations/020-proofreader.ts';
import * as siteWordTaughtBy from './migrations/021-site-word-taught-by.ts';
import * as reportIntake from './migrations/022-report-intake.ts';
import * as errataNearQuote from './migrations/023-errata-near-quote.ts';
import * as fixedPages from './migrations/024-fixed-pages.ts';
import type { Database } from './schema.ts';

// Migrations are listed here rather than read from a folder, so a bundled or
// type-stripped build finds them all and their order is reviewed in one place.
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial': initial,
  '002-report-client-id': reportClientId,
  '003-errata-by-page': errataByPage,
  '004-errata-by-site-id': errataBySiteId,
  '005-inbox': inbox,
  '006-sites-access': sitesAccess,
  '007-outbox': outbox,
  '008-email': email,
  '009-recheck': recheck,
  '010-errata-near-position': errataNearPosition,
  '011-article-root': articleRoot,
  '012-search-text-per-text': searchTextPerText,
  '013-search-index': searchIndex,
  '014-inbox-date-in-index': inboxDateInIndex,
  '015-sign-in-failures': signInFailures,
  '016-demo-not-local': demoNotLocal,
  '017-retention': retention,
  '018-proof-of-work': proofOfWork,
  '019-spam-score': spamScore,
  '020-proofreader': proofreader,
  '021-site-word-taught-by': siteWordTaughtBy,
  '022-report-intake': reportIntake,
  '023-errata-near-quote': errataNearQuote,
  '024-fixed-pages': fixedPages,
};

const provider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };

/** Brings the schema up to date; returns the names of the migrations applied now. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    // No failed migration: the database was never reached (or its migration table was not readable).
    throw new Error(
      failed ? `migration ${failed} failed: ${message}` : `cannot reach the database: ${message}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
