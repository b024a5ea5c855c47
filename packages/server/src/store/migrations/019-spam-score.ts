import type { Kysely } from 'kysely';

// Spam scoring (domain/spam-score.ts): each report keeps its score and the reasons for it; an
// erratum made by reports scored as spam keeps why it was held, so the Spam view can say so.
// Reports made before score 0: nothing was held then.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('reports')
    .addColumn('spam_score', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('reports').addColumn('spam_reasons', 'text').execute();
  await db.schema.alterTable('errata').addColumn('held_reasons', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('errata').dropColumn('held_reasons').execute();
  await db.schema.alterTable('reports').dropColumn('spam_reasons').execute();
  await db.schema.alterTable('reports').dropColumn('spam_score').execute();
}
