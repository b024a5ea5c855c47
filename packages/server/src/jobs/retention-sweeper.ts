import { ERRATUM_STATUSES } from '@errata/core';
import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '../store/open-store.ts';
import { deleteEndedJobs } from '../store/proofread-store.ts';
import { deleteReports } from '../store/reader-words-store.ts';
import { reportsPastRetention, sitesWithRetention } from '../store/retention-store.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How often reports past their site's retention are deleted: within an hour of their last day. */
const SWEEP_EVERY_MS = 60 * 60 * 1000;
/** Reports deleted per transaction: short transactions, so ingest on those pages waits little. */
const REPORTS_PER_BATCH = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The proofreader's ended jobs (editors' runs, same-mistake searches) are kept this long: a week to look into. */
export const PROOFREAD_JOBS_KEPT_DAYS = 7;
/** Proofreader jobs deleted per statement. */
const JOBS_PER_BATCH = 500;

/**
 * Statuses that close an erratum: fixed, verified (the fix seen live), rejected ("not a
 * mistake") and spam. Wider than core's FINAL_STATUSES (rejected, spam, which decide how new
 * reports join): a fixed erratum is closed too, and its readers' words are no longer needed.
 */
export const CLOSED_STATUSES = ERRATUM_STATUSES.filter((status) => status !== 'open');

/**
 * Deletes, on every site that set retentionDays, the reports of closed errata decided more
 * than that many days ago (and made that long ago), with their readers' addresses and the
 * words copied from them; the errata and their counts stay. Deleting the same rows twice
 * deletes nothing, so instances sweeping side by side need no lease. Returns how many went.
 */
export async function sweepRetention(store: Store, now = new Date()): Promise<number> {
  let deleted = 0;
  for (const site of await sitesWithRetention(store.db)) {
    const cutoff = new Date(now.getTime() - site.days * DAY_MS).toISOString();
    for (;;) {
      const batch = await store.db.transaction().execute(async (trx) => {
        const reports = await reportsPastRetention(trx, site.id, CLOSED_STATUSES, cutoff, REPORTS_PER_BATCH);
        await deleteReports(trx, reports);
        return reports.length;
      });
      deleted += batch;
      if (batch < REPORTS_PER_BATCH) break;
    }
  }
  return deleted;
}

/**
 * Deletes the proofreader's jobs that ended more than PROOFREAD_JOBS_KEPT_DAYS ago and that
 * nothing reads any more (store/proofread-store.ts, deleteEndedJobs): the table grows with the
 * pages first reported, not with every run. The hourly limit of "Proofread page" counts the
 * last hour's runs, long kept. Deleting twice deletes nothing. Returns how many went.
 */
export async function sweepProofreadJobs(store: Store, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - PROOFREAD_JOBS_KEPT_DAYS * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    const batch = await deleteEndedJobs(store.db, before, JOBS_PER_BATCH);
    deleted += batch;
    if (batch < JOBS_PER_BATCH) return deleted;
  }
}

/** Sweeps now and then every hour: reports past retention, then the proofreader's old jobs. */
export function startRetentionSweeper(store: Store, log: FastifyBaseLogger): Periodic {
  return runPeriodically(
    async () => {
      try {
        const deleted = await sweepRetention(store);
        if (deleted > 0) log.info({ deleted }, "deleted reports past their site's retention");
      } catch (error) {
        log.warn({ err: error }, "could not delete reports past their site's retention");
      }
      const jobs = await sweepProofreadJobs(store);
      if (jobs > 0) log.info({ deleted: jobs }, "deleted the proofreader's jobs ended a week ago");
    },
    SWEEP_EVERY_MS,
    (error) => log.warn({ err: error }, "could not delete the proofreader's old jobs"),
  );
}
