import { type Kysely, sql } from 'kysely';

// The demo newsroom is never local unless its operator says so (errata site local demo on):
// 009 marked it local on every install, which let whoever owns it point webhooks and rechecks
// at the server's own network. The recheck still reads the demo's pages, on the server's own
// public address (fetch/self-url.ts). An operator who had switched it on again loses that here.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update sites set is_local = 0 where id = 'demo'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`update sites set is_local = 1 where id = 'demo'`.execute(db);
}
