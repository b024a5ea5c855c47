import { KeptWorkerThread, startWorkerThread } from '../base/worker-thread.ts';
import { filesApart, type Store } from '../store/open-store.ts';
import { announceDeliveryWork } from '../store/outbox-store.ts';
import { intakeCounts, moveIntake } from '../store/report-intake-store.ts';
import { GroupedReceipts } from './grouped-receipts.ts';
import type { FromGroupingThread, GroupingThreadData, ToGroupingThread } from './grouping-messages.ts';
import type { IntakeWriter } from './intake-writer.ts';
import type { StoredReport } from './report-batch.ts';
import type { GroupedBatch, Grouper } from './report-grouper.ts';

/**
 * The grouping thread's heap for new objects: V8 lets it grow to ~48 MB under a flood. Kept to
 * 16 MB the server's peak was ~30 MB lower, and to 8 MB ~10 MB lower again, with no
 * throughput lost that the bench could tell (bench/README.md).
 */
const GROUPING_THREAD_LIMITS = { maxYoungGenerationSizeMb: 8 };

/**
 * Groups reports on a thread of its own (grouping-worker.ts), for SQLite with the intake in a
 * file apart (store/intake-file.ts): this thread answers requests, the intake thread
 * acknowledges reports into the intake (intake-thread.ts), and the grouping thread stores them into their errata,
 * under its own lock of the database. Grouping takes ~2/3 of a report's work, so on one
 * thread acknowledging waited behind it (bench/README.md). This side keeps what ReportGrouper
 * keeps (the backlog, who waits for which report) and has grouped reports removed from the intake.
 */
export class GroupingThread implements Grouper {
  private readonly thread: KeptWorkerThread<ToGroupingThread, FromGroupingThread>;
  private closing: Promise<void> | null = null;
  private waiting = 0;
  private seq = 0;
  private readonly drains = new Map<number, () => void>();
  private readonly receipts = new GroupedReceipts();
  private removals: Promise<unknown> = Promise.resolve();
  private toRemove: string[] = [];

  constructor(
    private readonly store: Store,
    /** The intake's writer (intake-thread.ts): grouped reports are removed through it. */
    private readonly intake: IntakeWriter,
    private readonly onGrouped: (batch: GroupedBatch) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    const data: GroupingThreadData = filesApart(store, 'a grouping thread');
    this.ready = this.countWaiting().catch(onError);
    this.thread = new KeptWorkerThread(
      'the grouping thread',
      () => startWorkerThread(import.meta.url, 'grouping-worker', data, GROUPING_THREAD_LIMITS),
      {
        message: (message) => this.received(message),
        error: onError,
        exit: () => {
          for (const resolve of this.drains.values()) resolve();
          this.drains.clear();
        },
      },
    );
  }

  /** Resolves once what waited from before this start is counted. */
  private readonly ready: Promise<void>;

  get backlog(): number {
    return Math.max(0, this.waiting);
  }

  watchLag(listener: (ms: number) => void): void {
    this.receipts.watchLag(listener);
  }

  added(count: number): void {
    this.waiting += count;
    this.post({ type: 'wake' });
  }

  grouped(reportId: string, timeoutMs: number): Promise<StoredReport | null> {
    return this.receipts.grouped(reportId, timeoutMs);
  }

  async drained(): Promise<void> {
    await this.ready;
    const seq = ++this.seq;
    await new Promise<void>((resolve) => {
      this.drains.set(seq, resolve);
      // No thread runs (it is closed, or starts again shortly): nothing to wait for.
      if (!this.post({ type: 'drain', seq })) {
        this.drains.delete(seq);
        resolve();
      }
    });
    await this.removals;
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    await this.thread.close({ type: 'close' });
    for (const resolve of this.drains.values()) resolve();
    this.drains.clear();
    await this.ready;
    await this.removals;
  }

  private post(message: ToGroupingThread): boolean {
    return this.thread.post(message);
  }

  private received(message: FromGroupingThread): void {
    switch (message.type) {
      case 'grouped':
        this.settle(message.batch);
        break;
      case 'stored':
        // Grouped before a stop that came before their removal.
        this.waiting -= message.ids.length;
        this.remove(message.ids);
        break;
      case 'failed':
        void this.intake
          .noteFailure(message.id, message.error)
          .catch(this.onError)
          .finally(() => this.post({ type: 'noted', seq: message.seq }));
        break;
      case 'health':
        if (message.failure === null) this.store.health.succeeded();
        else this.store.health.failed(message.failure);
        break;
      case 'error':
        this.onError(new Error(message.message));
        break;
      case 'drained':
        this.drains.get(message.seq)?.();
        this.drains.delete(message.seq);
        break;
      case 'ready':
      case 'closed':
        break;
    }
  }

  private settle({ reports, stored }: GroupedBatch): void {
    // Grouped and committed: the grouping thread passes these rows over until they are gone.
    this.remove(reports.map((r) => r.id));
    this.waiting -= reports.length;
    announceDeliveryWork();
    this.receipts.settle({ reports, stored });
    this.onGrouped({ reports, stored });
  }

  /**
   * Removes rows from the intake file. What is grouped while a removal waits for its turn of
   * the connection joins it: under a flood one transaction takes several batches' rows.
   */
  private remove(ids: string[]): void {
    const queued = this.toRemove.length > 0;
    this.toRemove.push(...ids);
    if (queued) return;
    this.removals = this.removals
      .then(async () => {
        const removing = this.toRemove;
        this.toRemove = [];
        await this.intake.remove(removing);
        this.post({ type: 'removed', ids: removing });
      })
      .catch(this.onError);
  }

  /**
   * Takes into the intake file what waits in the database's own table (a restored backup's
   * reports, or an intake kept there by an earlier version), and counts what waits from before
   * this start.
   */
  private async countWaiting(): Promise<void> {
    if ((await moveIntake(this.store.db, this.store.intake)) > 0) this.post({ type: 'wake' });
    this.waiting += (await intakeCounts(this.store.intake)).waiting;
  }
}
