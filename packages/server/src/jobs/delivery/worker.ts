import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { newId } from '../../base/ids.ts';
import type { DeliveryOutcome } from '../../base/metrics.ts';
import type { OutboxEvent } from '../../base/outbox-event.ts';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  completeDelivery,
  failDelivery,
} from '../../store/deliveries-store.ts';
import type { Store } from '../../store/open-store.ts';
import {
  addDeliveries,
  eventsToFanOut,
  type NewDelivery,
  onDeliveryWork,
  pruneFinishedEvents,
} from '../../store/outbox-store.ts';
import type { Database } from '../../store/schema.ts';
import { type BackoffPolicy, DEFAULT_BACKOFF, nextAttemptAt } from './backoff.ts';
import type { DeliveryChannel, DeliveryResult } from './channel.ts';

export interface DeliveryWorkerOptions {
  channels: readonly DeliveryChannel[];
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
  /** How often the database is looked at when nothing nudged the worker, in ms. */
  pollMs?: number;
  backoff?: BackoffPolicy;
  /** Longest one attempt may take before it counts as failed, in ms. */
  attemptTimeoutMs?: number;
  /** Most attempts in flight at once. */
  concurrency?: number;
  /** How long a claimed delivery stays held, in ms; default: the attempt timeout plus a margin. */
  leaseMs?: number;
  /** Told how each attempt ended (/metrics). */
  onAttempt?: (outcome: DeliveryOutcome) => void;
}

/** A running worker; stop() lets attempts in flight finish and record their outcome. */
export interface DeliveryWorker {
  /** Look for work now (tests, and anything that just made a delivery due). */
  nudge(): void;
  /**
   * Claims nothing more and waits for the attempts in flight; with `graceMs`, those still
   * running after it are cut short and recorded as failed, to be tried again (a shutdown).
   */
  stop(options?: { graceMs?: number }): Promise<void>;
}

const DEFAULT_POLL_MS = 1_000; // Events recorded in another instance wait at most this long.
const DEFAULT_ATTEMPT_TIMEOUT_MS = 15_000; // Above the webhook's own 10 s, so the channel reports its timeout first.
const DEFAULT_CONCURRENCY = 8; // A few slow receivers do not hold up the others.
const FAN_OUT_BATCH = 500; // Events fanned out per transaction: a flood's NUDGE_GATHER_MS worth.
const LEASE_MARGIN_MS = 30_000; // Lease beyond the attempt timeout: recording the outcome has time to finish.
const NUDGE_GATHER_MS = 250; // Events recorded within this long after a nudge are fanned out together.
const PRUNE_EVERY_MS = 3_600_000; // Finished events are swept hourly; more often finds nothing new.
/** How long finished events and their delivery log stay: long enough to look into last month's outage. */
export const OUTBOX_RETENTION_MS = 30 * 24 * 3_600_000;

/**
 * Starts delivering the outbox: fans new events out to their channels' targets, then
 * claims due deliveries under a lease and attempts them, retrying failures with backoff
 * until the delivery window closes (then dead). Safe with several instances on one
 * database and across restarts: leases, not memory, say who holds a delivery.
 */
export function startDeliveryWorker(store: Store, options: DeliveryWorkerOptions): DeliveryWorker {
  const owner = newId();
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const leaseMs = options.leaseMs ?? attemptTimeoutMs + LEASE_MARGIN_MS;
  const channels = new Map(options.channels.map((channel) => [channel.kind, channel]));
  const inFlight = new Set<Promise<void>>();
  const stopping = new AbortController();
  /** Aborted when a stop's grace is over: attempts still running end as failures, retried later. */
  const cutShort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | null = null;
  let again = false;
  let prunedAt = 0;

  const schedule = (delayMs: number) => {
    if (stopping.signal.aborted) return;
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
    // Polling alone never keeps the process alive; the HTTP server does.
    timer.unref();
  };

  // One tick at a time; a nudge during a tick runs another right after it.
  function run(): void {
    if (stopping.signal.aborted) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = tick()
      .catch((err) => options.log.error({ err }, 'the delivery worker failed; it tries again shortly'))
      .finally(() => {
        ticking = null;
        if (again) {
          again = false;
          schedule(0);
        } else {
          schedule(pollMs);
        }
      });
  }

  async function tick(): Promise<void> {
    if (Date.now() - prunedAt > PRUNE_EVERY_MS) {
      prunedAt = Date.now();
      await pruneFinishedEvents(store.db, prunedAt - OUTBOX_RETENTION_MS);
    }
    await fanOut();
    const free = concurrency - inFlight.size;
    if (free <= 0) return;
    const now = new Date();
    const claimed = await claimDueDeliveries(store.db, {
      owner,
      now: now.toISOString(),
      leasedUntil: new Date(now.getTime() + leaseMs).toISOString(),
      limit: free,
    });
    for (const claim of claimed) {
      const attempt = attemptDelivery(claim)
        .catch((err) => options.log.error({ err }, 'could not record a delivery attempt'))
        .finally(() => {
          inFlight.delete(attempt);
          run();
        });
      inFlight.add(attempt);
    }
    if (claimed.length === free) again = true;
  }

  // Events a channel could not name the targets of: not fanned out (at least once), tried
  // again after the first retry wait, skipped meanwhile so they hold up no event after them.
  const fanOutRetryAt = new Map<string, number>();

  async function fanOut(): Promise<void> {
    const startedAt = Date.now();
    for (const [id, at] of fanOutRetryAt) if (at <= startedAt) fanOutRetryAt.delete(id);
    for (;;) {
      // Holds the events that failed in this pass too: a pass never loops over the same event.
      const waiting = [...fanOutRetryAt.keys()];
      const events = await eventsToFanOut(store.db, FAN_OUT_BATCH, waiting);
      if (events.length === 0) return;
      await store.db.transaction().execute(async (trx) => {
        const deliveries: NewDelivery[] = [];
        const fannedOut: string[] = [];
        const incomplete = new Set<string>();
        for (const channel of channels.values()) {
          const targets = await targetsOf(channel, trx, events);
          for (const [index, event] of events.entries()) {
            if (targets === null) {
              incomplete.add(event.id);
              continue;
            }
            for (const targetId of targets[index] ?? []) {
              deliveries.push({
                eventId: event.id,
                siteId: event.siteId,
                channel: channel.kind,
                targetId,
                expiresAt: expiry(event),
              });
            }
          }
        }
        for (const event of events) {
          // Past its delivery window an event is given up like its deliveries would be.
          if (!incomplete.has(event.id) || Date.parse(expiry(event)) <= startedAt) {
            fannedOut.push(event.id);
            fanOutRetryAt.delete(event.id);
          } else {
            fanOutRetryAt.set(event.id, startedAt + backoff.baseMs);
          }
        }
        await addDeliveries(trx, deliveries, fannedOut, new Date().toISOString());
      });
      if (events.length < FAN_OUT_BATCH) return;
    }
  }

  /** A channel's targets of each event, or null when it failed to name them (the events are tried again later). */
  async function targetsOf(
    channel: DeliveryChannel,
    db: Kysely<Database>,
    events: readonly OutboxEvent[],
  ): Promise<string[][] | null> {
    try {
      return await channel.targetsFor(db, events);
    } catch (err) {
      options.log.error(
        { err, events: events.length, channel: channel.kind },
        'a channel could not name its targets; the events are tried again later',
      );
      return null;
    }
  }

  function expiry(event: OutboxEvent): string {
    return new Date(Date.parse(event.createdAt) + backoff.windowMs).toISOString();
  }

  async function attemptDelivery({ delivery, event }: ClaimedDelivery): Promise<void> {
    // This claim's lease, not just this worker's: a later claim of the same delivery is another lease.
    const lease = delivery.lease_owner ?? owner;
    const channel = channels.get(delivery.channel);
    const result: DeliveryResult = channel
      ? await attemptWithTimeout(channel, event, delivery.target_id)
      : { ok: false, statusCode: null, error: `No "${delivery.channel}" channel in this server.` };
    const now = new Date();
    if (result.ok) {
      await completeDelivery(store.db, {
        id: delivery.id,
        owner: lease,
        now: now.toISOString(),
        statusCode: result.statusCode,
      });
      options.onAttempt?.('delivered');
      return;
    }
    const next = result.permanent
      ? null
      : nextAttemptAt(Number(delivery.attempts), now, delivery.expires_at, backoff);
    options.onAttempt?.(next === null ? 'dead' : 'retry');
    await failDelivery(store.db, {
      id: delivery.id,
      owner: lease,
      statusCode: result.statusCode,
      error: result.error ?? 'The attempt failed.',
      nextAttemptAt: next,
    });
    if (next === null && !result.permanent) {
      options.log.warn({ delivery: delivery.id, event: event.id }, 'a delivery was given up (dead)');
    }
  }

  async function attemptWithTimeout(
    channel: DeliveryChannel,
    event: OutboxEvent,
    targetId: string,
  ): Promise<DeliveryResult> {
    // AbortSignal.any holds its sources weakly: no listener piles up on the worker's long-lived signal.
    const signal = AbortSignal.any([AbortSignal.timeout(attemptTimeoutMs), cutShort.signal]);
    const timedOut = new Promise<DeliveryResult>((resolve) =>
      signal.addEventListener('abort', () =>
        resolve({
          ok: false,
          statusCode: null,
          error: cutShort.signal.aborted
            ? 'The attempt was cut short: the server stopped.'
            : `The attempt took longer than ${attemptTimeoutMs} ms.`,
        }),
      ),
    );
    try {
      return await Promise.race([channel.deliver(event, targetId, signal), timedOut]);
    } catch (error) {
      return { ok: false, statusCode: null, error: (error as Error).message || 'The attempt failed.' };
    }
  }

  // Under a flood every ingest batch records events: gathering the nudges of a short while
  // fans them out in one transaction instead of one commit (one fsync) per batch.
  let nudged = false;
  const nudgeSoon = () => {
    if (nudged || stopping.signal.aborted) return;
    nudged = true;
    setTimeout(() => {
      nudged = false;
      run();
    }, NUDGE_GATHER_MS).unref();
  };
  const unsubscribe = onDeliveryWork(nudgeSoon);
  schedule(0);

  return {
    nudge: run,
    async stop(stopOptions = {}) {
      stopping.abort();
      unsubscribe();
      clearTimeout(timer);
      const grace =
        stopOptions.graceMs === undefined
          ? undefined
          : setTimeout(() => cutShort.abort(), stopOptions.graceMs);
      await ticking;
      await Promise.allSettled([...inFlight]);
      clearTimeout(grace);
    },
  };
}
