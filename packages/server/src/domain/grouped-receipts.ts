import type { StoredReport } from './report-batch.ts';
import type { GroupedBatch } from './report-grouper.ts';

/**
 * Who waits for which report's erratum, and who watches how long reports waited to be
 * grouped: told each grouped batch, by the grouper on this thread or from the grouping thread.
 */
export class GroupedReceipts {
  private readonly waiters = new Map<string, ((stored: StoredReport) => void)[]>();
  private lagListener: ((ms: number) => void) | null = null;

  /** Tells `listener` how long each grouped report waited since it was acknowledged (/metrics, the bench). */
  watchLag(listener: (ms: number) => void): void {
    this.lagListener = listener;
  }

  /** Resolves with what a report joined once it is grouped (by this instance), or null after `timeoutMs`. */
  grouped(reportId: string, timeoutMs: number): Promise<StoredReport | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const list = this.waiters.get(reportId)?.filter((w) => w !== done);
        if (list?.length) this.waiters.set(reportId, list);
        else this.waiters.delete(reportId);
        resolve(null);
      }, timeoutMs);
      const done = (stored: StoredReport) => {
        clearTimeout(timer);
        resolve(stored);
      };
      this.waiters.set(reportId, [...(this.waiters.get(reportId) ?? []), done]);
    });
  }

  /** Answers those waiting for the batch's reports, and tells how long each waited. */
  settle({ reports, stored }: GroupedBatch): void {
    const now = Date.now();
    for (const [index, report] of reports.entries()) {
      this.lagListener?.(now - Date.parse(report.createdAt));
      const waiters = this.waiters.get(report.id);
      if (waiters) {
        this.waiters.delete(report.id);
        for (const resolve of waiters) resolve(stored[index] as StoredReport);
      }
    }
  }
}
