import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/open-store.ts';
import { deleteExpiredReaderContacts } from '../store/reader-contacts-store.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How often readers' expired addresses are deleted: within an hour of their 90 days. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;

/** Deletes readers' addresses past their 90 days now and then every hour. */
export function startReaderContactsSweeper(store: Store, log: FastifyBaseLogger): Periodic {
  return runPeriodically(
    () => deleteExpiredReaderContacts(store.db, new Date().toISOString()),
    SWEEP_EVERY_MS,
    (error) => log.warn({ err: error }, 'could not delete expired reader addresses'),
  );
}
