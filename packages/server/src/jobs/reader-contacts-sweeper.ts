import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/open-store.ts';
import { deleteExpiredReaderContacts } from '../store/reader-contacts-store.ts';

/** How often readers' expired addresses are deleted: within an hour of their 90 days. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes readers' addresses past their 90 days now and then every hour; returns the function that stops it. */
export function startReaderContactsSweeper(store: Store, log: FastifyBaseLogger): () => void {
  const sweep = () =>
    deleteExpiredReaderContacts(store.db, new Date().toISOString()).catch((error: unknown) =>
      log.warn({ err: error }, 'could not delete expired reader addresses'),
    );
  void sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
