import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/open-store.ts';
import { deleteExpiredSessions } from '../store/sessions-store.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How often expired dashboard sessions are deleted; they are refused at once anyway, this only frees rows. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes expired sessions now and then every hour. */
export function startSessionSweeper(store: Store, log: FastifyBaseLogger): Periodic {
  return runPeriodically(
    () => deleteExpiredSessions(store.db, new Date().toISOString()),
    SWEEP_EVERY_MS,
    (error) => log.warn({ err: error }, 'could not delete expired sessions'),
  );
}
