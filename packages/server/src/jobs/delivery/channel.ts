import type { Kysely } from 'kysely';
import type { OutboxEvent } from '../../base/outbox-event.ts';
import type { Database } from '../../store/schema.ts';

/** How one attempt went, as the delivery log shows it. */
export interface DeliveryResult {
  ok: boolean;
  /** HTTP status (or SMTP reply code) when the target answered; null when it never did. */
  statusCode: number | null;
  /** Why it failed, in a sentence for the log; null when ok. */
  error: string | null;
  /** True when retrying cannot help (the webhook was deleted): the delivery is dead at once. */
  permanent?: boolean;
}

/**
 * A way events leave Errata (webhooks, e-mail). The worker asks each channel which targets
 * an event goes to, then calls `deliver` once per target until it succeeds or the delivery
 * window closes: `deliver` may run more than once for one event and target (at least once).
 */
export interface DeliveryChannel {
  /** Stored in deliveries.channel, e.g. "webhook". */
  kind: string;
  /**
   * The targets of each event (webhook ids, user ids, …), in the events' order; runs inside the
   * fan-out transaction. Asked for a batch at once: a query per event would cost a database
   * round trip per report at ingest rates.
   */
  targetsFor(db: Kysely<Database>, events: readonly OutboxEvent[]): Promise<string[][]>;
  /** One attempt. `signal` aborts when the worker's time limit for an attempt is up. */
  deliver(event: OutboxEvent, targetId: string, signal?: AbortSignal): Promise<DeliveryResult>;
}
