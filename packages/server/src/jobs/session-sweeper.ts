import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/open-store.ts';
import { deleteExpiredSessions } from '../store/sessions-store.ts';
import { deleteStaleFailures } from '../store/sign-in-failures-store.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How often expired dashboard sessions are deleted; they are refused at once anyway, this only frees rows. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Failed sign-ins older than this are deleted: every limit has started afresh by then (sign-in-limits.ts). */
const FAILURES_KEPT_MS = 24 * 3600 * 1000;

/** Deletes expired sessions and forgotten sign-in failures. */
export async function sweepSessions(store: Store, now = new Date()): Promise<void> {
  await deleteExpiredSessions(store.db, now.toISOString());
  await deleteStaleFailures(store.db, new Date(now.getTime() - FAILURES_KEPT_MS).toISOString());
}

/** Sweeps now and then every hour. */
export function startSessionSweeper(store: Store, log: FastifyBaseLogger): Periodic {
  return runPeriodically(
    () => sweepSessions(store),
    SWEEP_EVERY_MS,
    (error) => log.warn({ err: error }, 'could not delete expired sessions'),
  );
}
