import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** The stored value of a setting, creating it with `make()` the first time (first writer wins). */
export async function getOrCreateSetting(
  db: Kysely<Database>,
  key: string,
  make: () => string,
): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return row.value;
}
