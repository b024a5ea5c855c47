import { DEMO_SITE, type DemoNewsroom } from '../domain/demo-site.ts';
import { ErrataError } from '../domain/errors.ts';
import type { PageRecheck, Rechecker } from '../domain/recheck.ts';
import type { Store } from '../store/open-store.ts';
import {
  claimDuePages,
  type PageRef,
  planChecksOfFixedErrata,
  planPeriodicChecks,
  postponeCheck,
} from '../store/page-checks-store.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How often the scheduler looks for pages due: a fix is seen within this of its planned time. */
const POLL_MS = 15_000;
/** How often pages with open errata that have no check planned get one (a full scan of them). */
const PERIODIC_PLAN_EVERY_MS = 10 * 60 * 1000;
/** Pages taken per poll; the rest wait for the next one. */
const PAGES_PER_POLL = 20;
/** Pages of one host checked per poll: with the pause between them, about 10 s of its turns. */
const PAGES_PER_HOST_PER_POLL = 4;
/** A taken page is not taken again for this long, should its check never report back (a crash). */
const CLAIM_LEASE_MS = 10 * 60 * 1000;

export interface RecheckSchedulerOptions {
  /** Wait after an erratum is marked fixed before its page is checked, in ms (ERRATA_RECHECK_DELAY). */
  delayMs: number;
  /** The periodic pass over pages with open errata, in ms; null turns it off (ERRATA_RECHECK_INTERVAL). */
  intervalMs: number | null;
  pollMs?: number;
  /**
   * The demo newsroom's switch: while it is off, the demo site's pages are not fetched (its
   * errata stay readable, its checks wait till it is on again). Without it every site is checked.
   */
  demo?: Pick<DemoNewsroom, 'isOn'>;
  /** Told when a page's check fails for a reason other than the page (the database, a bug). */
  onError?: (error: unknown) => void;
}

/**
 * Runs the rechecks that are due. Everything it plans lives in page_checks.next_check_at,
 * so a restart loses nothing: a fix marked before it is still checked after it. Pages of
 * different hosts are checked side by side; the rechecker's politeness queues each host.
 */
export class RecheckScheduler {
  private loop: Periodic | null = null;
  private lastPeriodicPlan = 0;
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly rechecker: Rechecker,
    private readonly options: RecheckSchedulerOptions,
  ) {}

  start(): void {
    this.loop ??= runPeriodically(
      () => this.runOnce(),
      this.options.pollMs ?? POLL_MS,
      (error) => this.options.onError?.(error),
    );
  }

  /** Stops polling and waits for the checks under way. */
  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = null;
  }

  /** One poll: plans fixed errata's checks (and the periodic pass when due), then checks the pages due now. */
  async runOnce(now = new Date()): Promise<PageRecheck[]> {
    const { db } = this.store;
    await planChecksOfFixedErrata(db, this.options.delayMs);
    if (this.options.intervalMs !== null && now.getTime() - this.lastPeriodicPlan >= PERIODIC_PLAN_EVERY_MS) {
      await planPeriodicChecks(db, this.options.intervalMs, now);
      this.lastPeriodicPlan = now.getTime();
    }
    const demoOff = this.options.demo !== undefined && !(await this.options.demo.isOn());
    const due = await claimDuePages(db, now, PAGES_PER_POLL, CLAIM_LEASE_MS, demoOff ? [DEMO_SITE.id] : []);
    const pollMs = this.options.pollMs ?? POLL_MS;
    const pages: PageRef[] = [];
    const perHost = new Map<string, number>();
    for (const row of due) {
      const page = { siteId: row.site_id, url: row.url };
      if (this.inFlight.has(key(page))) continue;
      const host = new URL(page.url).host;
      // A host that asked us to wait (Retry-After) is not waited for here: its pages come back then.
      const readyAt = this.rechecker.politeness.readyTime(host);
      if (readyAt > Date.now() + pollMs) {
        await postponeCheck(db, page, new Date(readyAt).toISOString());
      } else if ((perHost.get(host) ?? 0) >= PAGES_PER_HOST_PER_POLL) {
        // One host's pages, fetched one by one, would hold up the other hosts' till the poll ends.
        await postponeCheck(db, page, row.next_check_at ?? now.toISOString());
      } else {
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        pages.push(page);
      }
    }
    const checks = pages.map(async (page) => {
      this.inFlight.add(key(page));
      try {
        // A page queued behind one whose host then asked for a pause is not waited for:
        // the poll would stall every other host's checks for as long as the pause lasts.
        return await this.rechecker.recheckPage(page, { waitAtMostMs: pollMs });
      } catch (error) {
        const readyAt = this.rechecker.politeness.readyTime(new URL(page.url).host);
        if (error instanceof ErrataError && error.kind === 'unavailable' && readyAt > Date.now()) {
          await postponeCheck(db, page, new Date(readyAt).toISOString());
        } else {
          this.options.onError?.(error);
        }
        return null;
      } finally {
        this.inFlight.delete(key(page));
      }
    });
    return (await Promise.all(checks)).filter((check): check is PageRecheck => check !== null);
  }
}

function key(page: { siteId: string; url: string }): string {
  return `${page.siteId}\u001f${page.url}`;
}
