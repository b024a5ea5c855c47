import { doublingWaitMs } from '@errata/core';
import { newId } from '../base/ids.ts';
import { DEMO_SITE, type DemoNewsroom } from '../domain/demo-site.ts';
import type { Proofreader, SameMistakeJob } from '../domain/proofread.ts';
import type { Store } from '../store/open-store.ts';
import { claimDueJobs, finishJob, type ProofreadJobRow } from '../store/proofread-store.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How often the worker looks for queued pages: a first report's page is read within this. */
const POLL_MS = 5_000;
/** Jobs taken per poll; politeness runs one host's pages one after another. */
const JOBS_PER_POLL = 4;
/** A taken job is not taken again for this long, should its run never report back (a crash). */
const CLAIM_LEASE_MS = 10 * 60 * 1000;
/** Runs of a job before it is given up: a page down for hours is not proofread on its first report. */
const ATTEMPTS_MAX = 4;
/** First wait after a failed run; it doubles with each failure … */
const RETRY_BASE_MS = 60 * 1000;
/** … up to an hour. */
const RETRY_MAX_MS = 60 * 60 * 1000;

export interface ProofreadWorkerOptions {
  pollMs?: number;
  /** The demo newsroom's switch: while it is off, the demo site's jobs wait. */
  demo?: Pick<DemoNewsroom, 'isOn'>;
  /** Told when a job fails for a reason other than its page (the database, a bug). */
  onError?: (error: unknown) => void;
}

/**
 * Runs the proofreader's queued jobs (proofread_jobs): pages first reported, and same-mistake
 * searches after a fix. Jobs are claimed under a lease in the database, so two instances never
 * run one job and a job a crashed instance held is run again once its lease runs out.
 */
export class ProofreadWorker {
  private loop: Periodic | null = null;
  /** This instance's name on the jobs it holds. */
  private readonly owner = newId();

  constructor(
    private readonly store: Store,
    private readonly proofreader: Proofreader,
    private readonly options: ProofreadWorkerOptions = {},
  ) {}

  start(): void {
    this.loop ??= runPeriodically(
      () => this.runOnce(),
      this.options.pollMs ?? POLL_MS,
      (error) => this.options.onError?.(error),
    );
  }

  /** Stops polling and waits for the jobs under way. */
  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = null;
  }

  /** One poll: claims the jobs due and runs them; returns how many ended done. */
  async runOnce(now = new Date()): Promise<number> {
    const demoOff = this.options.demo !== undefined && !(await this.options.demo.isOn());
    const jobs = await claimDueJobs(this.store.db, {
      now: now.toISOString(),
      limit: JOBS_PER_POLL,
      leasedUntil: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
      owner: this.owner,
      exceptSites: demoOff ? [DEMO_SITE.id] : [],
    });
    const done = await Promise.all(jobs.map((job) => this.run(job)));
    return done.filter(Boolean).length;
  }

  private async run(job: ProofreadJobRow): Promise<boolean> {
    try {
      const result =
        job.kind === 'same-mistake'
          ? await this.proofreader.findSameMistake(sameMistakeJobOf(job))
          : await this.proofreader.proofreadPage({ siteId: job.site_id, url: job.url }, 'report');
      await finishJob(this.store.db, job.id, { state: 'done', result, now: new Date().toISOString() });
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (!(error instanceof Error && error.name === 'ErrataError')) this.options.onError?.(error);
      const now = Date.now();
      await finishJob(
        this.store.db,
        job.id,
        job.attempts >= ATTEMPTS_MAX
          ? { state: 'failed', error: reason, now: new Date(now).toISOString() }
          : {
              state: 'pending',
              error: reason,
              retryAt: new Date(
                now + doublingWaitMs(job.attempts, RETRY_BASE_MS, RETRY_MAX_MS),
              ).toISOString(),
            },
      );
      return false;
    }
  }
}

function sameMistakeJobOf(job: ProofreadJobRow): SameMistakeJob {
  const payload = JSON.parse(job.payload) as Partial<SameMistakeJob>;
  return {
    siteId: job.site_id,
    url: job.url,
    erratumId: String(payload.erratumId),
    wrong: String(payload.wrong),
    correction: String(payload.correction),
  };
}
