import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';

const POLL_MS = 20;

/**
 * Resolves once every outbox event is fanned out and no delivery is pending: whatever the
 * worker was going to send has been sent (and, for mail, accepted by the SMTP server). Tests
 * count mails after it instead of sleeping "long enough" for a wrong extra one to arrive.
 * Rejects after `timeoutMs` saying what is still waiting.
 */
export async function deliveriesSettled(db: Kysely<Database>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // One after the other, events first: fan-out marks an event and adds its deliveries in one
    // transaction, so deliveries read after "no event left" include every one it made. Read side
    // by side (two PostgreSQL connections), the deliveries could be read before a fan-out commits
    // and the events after it, and a pending delivery would be missed.
    const unfanned = await db
      .selectFrom('outbox_events')
      .select('id')
      .where('fanned_out_at', 'is', null)
      .execute();
    const pending = await db.selectFrom('deliveries').select('id').where('status', '=', 'pending').execute();
    if (unfanned.length === 0 && pending.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `deliveries did not settle in ${timeoutMs} ms: ${unfanned.length} events not fanned out, ${pending.length} deliveries pending`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
