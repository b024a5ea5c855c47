import type { Kysely } from 'kysely';
import { backfillErrata } from './errata-backfill.ts';

// Search texts were joined by spaces, so a search could match across the end of one text
// (the quote) and the start of the next (a suggestion); they are joined by line breaks now
// (core's SEARCH_TEXT_SEPARATOR), which no normalised text or search holds.
export async function up(db: Kysely<unknown>): Promise<void> {
  await backfillErrata(db, { priority: false });
}

export async function down(): Promise<void> {
  // Line-joined texts are searched as before by an older server, but for the cross-text matches.
}
