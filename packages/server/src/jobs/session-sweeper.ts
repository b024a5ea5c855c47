import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/open-store.ts';
import { deleteExpiredSessions } from '../store/sessions-store.ts';

/** How often expired dashboard sessions are deleted; they are refused at once anyway, this only frees rows. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes expired sessions now and then every hour; returns the function that stops it. */
export function startSessionSweeper(store: Store, log: FastifyBaseLogger): () => void {
  const sweep = () =>
    deleteExpiredSessions(store.db, new Date().toISOString()).catch((error: unknown) =>
      log.warn({ err: error }, 'could not delete expired sessions'),
    );
  void sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
