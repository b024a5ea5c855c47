import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { databaseFailureOf } from '../store/database-failure.ts';
import type { Store } from '../store/open-store.ts';
import { type IntakeQueue, intakeIn } from '../store/report-intake-store.ts';
import { isDuplicateClientId } from '../store/reports-store.ts';
import { inTransaction } from '../store/transaction.ts';
import { GroupedReceipts } from './grouped-receipts.ts';
import { type ReportToStore, type StoredReport, storeReportBatchIn } from './report-batch.ts';

/**
 * Most reports grouped in one transaction: several acknowledging batches' worth, so each
 * transaction's fixed costs (commit, page locks, round trips) are shared by more reports
 * behind a flood. Bigger batches grouped a little faster on PostgreSQL (1,000: ~10 %) but
 * raised the server's peak memory by ~30 MB (bench/README.md).
 */
export const GROUPING_BATCH_MAX = 250;
/** How long grouping waits after a batch that was not full, for more reports to arrive. */
const GATHER_MS = 10;
/** How soon grouping tries again after the database failed under it. */
const RETRY_AFTER_OUTAGE_MS = 1_000;
/** How often an idle grouper looks for rows another instance left behind (PostgreSQL). */
const SWEEP_EVERY_MS = 5_000;

/** A grouped report, as those told of it need it. */
export interface GroupedReport {
  id: string;
  siteId: string;
  createdAt: string;
  /** Spam scoring held it (its erratum is for the Spam view only). */
  held: boolean;
}

/** Reports one grouping transaction stored, and what each joined. */
export interface GroupedBatch {
  reports: GroupedReport[];
  stored: StoredReport[];
}

/** What grouping offers those who acknowledge reports: a ReportGrouper, or one on a thread of its own (grouping-thread.ts). */
export interface Grouper {
  readonly backlog: number;
  watchLag(listener: (ms: number) => void): void;
  added(count: number): void;
  grouped(reportId: string, timeoutMs: number): Promise<StoredReport | null>;
  drained(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Moves acknowledged reports from the intake into their errata, right after they were
 * acknowledged, in the same process: each transaction takes the oldest waiting rows, stores
 * them (domain/report-batch.ts) and deletes them, so a report is grouped once and never lost.
 * Rows left by a stop, a crash or an outage are grouped when the grouper starts, and while the
 * database fails it tries again every second. A row that fails alone INTAKE_MAX_ATTEMPTS times
 * is set aside (kept in the intake, counted in /metrics, logged) rather than blocking those behind it.
 */
export class ReportGrouper implements Grouper {
  private running: Promise<void> | null = null;
  private again = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly sweepTimer: NodeJS.Timeout | null;
  private closed = false;
  private readonly receipts = new GroupedReceipts();
  private waiting = 0;

  constructor(
    private readonly store: Store,
    private readonly onGrouped: (batch: GroupedBatch) => void,
    private readonly onError: (error: unknown) => void,
    /** Where the reports wait: by default the intake table of the store's database. */
    private readonly intake: IntakeQueue = intakeIn(store.db),
  ) {
    // Another instance's leftovers (it stopped, or crashed) are found on PostgreSQL by a sweep.
    this.sweepTimer = store.kind === 'postgres' ? setInterval(() => this.wake(), SWEEP_EVERY_MS) : null;
    this.sweepTimer?.unref();
    void this.recount();
    this.wake();
  }

  /** Counts what waits in the intake anew (on start; after rows were set aside). */
  private async recount(): Promise<void> {
    try {
      this.waiting = (await this.intake.counts()).waiting;
    } catch {
      // The count is for the backlog limit and /metrics; grouping goes on without it.
    }
  }

  /** Reports acknowledged and not yet grouped, as this instance counts them (its own and those it found). */
  get backlog(): number {
    return Math.max(0, this.waiting);
  }

  /** Tells `listener` how long each grouped report waited since it was acknowledged (/metrics, the bench). */
  watchLag(listener: (ms: number) => void): void {
    this.receipts.watchLag(listener);
  }

  /** Counts reports just acknowledged, and starts grouping them. */
  added(count: number): void {
    this.waiting += count;
    this.wake();
  }

  /** Resolves with what a report joined once it is grouped (by this instance), or null after `timeoutMs`. */
  grouped(reportId: string, timeoutMs: number): Promise<StoredReport | null> {
    return this.receipts.grouped(reportId, timeoutMs);
  }

  /** Resolves once nothing waits in the intake that this grouper can take (or the database fails). */
  async drained(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking rows; what waits stays in the intake for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.drained();
  }

  /** Groups what waits, unless a pass is running (it goes on until the intake is empty). */
  wake(): void {
    if (this.closed) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.groupAll())
      .catch((error: unknown) => {
        this.onError(error);
        this.retryLater();
      })
      .finally(() => {
        this.running = null;
      });
  }

  private async groupAll(): Promise<void> {
    do {
      this.again = false;
      while (!this.closed) {
        const taken = await this.groupOnce();
        if (taken === 0) break;
        // Under load, a short wait gathers the next batch: each transaction's fixed costs are shared by more reports.
        if (taken < GROUPING_BATCH_MAX) await sleep(GATHER_MS);
        // Behind a backlog on SQLite, still a turn of the event loop between batches: every step
        // of a batch ends at once, so without it nothing else ran. On the grouping thread neither
        // the checkpoints did, nor the serving thread's word of rows it removed, each batch passing
        // over thousands of them (grouping-worker.ts). PostgreSQL's answers come by the event loop
        // anyway, and a turn more per batch let the requests served beside it slow grouping down.
        else if (this.store.kind === 'sqlite') await nextTurn();
      }
    } while (this.again && !this.closed);
  }

  /** One transaction: returns how many rows it took (0: none waits, or the database failed). */
  private async groupOnce(): Promise<number> {
    try {
      const batch = await this.groupRows();
      // Nothing left to take: any count still held is of rows another instance grouped (or is grouping).
      if (!batch) this.waiting = 0;
      return batch?.reports.length ?? 0;
    } catch (error) {
      if (this.handledAsOutage(error)) return 0;
      this.onError(error);
      // One bad row must not hold up the others: each is tried alone.
      return this.groupOneByOne();
    }
  }

  private async groupRows(ids?: readonly string[]): Promise<GroupedBatch | null> {
    const run = () =>
      inTransaction(this.store.db, async (trx) => {
        const rows = await this.intake.take<ReportToStore>(trx, GROUPING_BATCH_MAX, ids);
        if (rows.length === 0) return null;
        const reports = rows.map((r) => r.report);
        const stored = await storeReportBatchIn(trx, reports);
        await this.intake.remove(
          trx,
          rows.map((r) => r.id),
        );
        return { reports: reports.map(groupedReportOf), stored };
      });
    // A send stored meanwhile by another instance under the same client id: once more, it is a repeat.
    const batch = await run().catch((error: unknown) => {
      if (isDuplicateClientId(error)) return run();
      throw error;
    });
    if (batch) this.settle(batch);
    return batch;
  }

  private async groupOneByOne(): Promise<number> {
    const rows = await this.intake.take<ReportToStore>(this.store.db, GROUPING_BATCH_MAX);
    let grouped = 0;
    for (const row of rows) {
      try {
        grouped += (await this.groupRows([row.id]))?.reports.length ?? 0;
      } catch (error) {
        if (this.handledAsOutage(error)) return 0;
        this.onError(error);
        await this.intake.noteFailure(row.id, error instanceof Error ? error.message : String(error));
      }
    }
    if (grouped < rows.length) await this.recount();
    // Rows that failed are counted; past INTAKE_MAX_ATTEMPTS they are no longer taken.
    return rows.length;
  }

  private settle({ reports, stored }: GroupedBatch): void {
    this.store.health.succeeded();
    this.waiting -= reports.length;
    this.receipts.settle({ reports, stored });
    this.onGrouped({ reports, stored });
  }

  /** For an error that is the database failing: tells /readyz, tries again in a second, and says true. */
  private handledAsOutage(error: unknown): boolean {
    const outage = databaseFailureOf(error);
    if (!outage) return false;
    this.store.health.failed(outage);
    this.retryLater();
    return true;
  }

  private retryLater(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.wake();
    }, RETRY_AFTER_OUTAGE_MS);
    this.retryTimer.unref();
  }
}

function groupedReportOf(report: ReportToStore): GroupedReport {
  return {
    id: report.row.id,
    siteId: report.row.site_id,
    createdAt: report.row.created_at,
    held: report.held !== undefined,
  };
}
