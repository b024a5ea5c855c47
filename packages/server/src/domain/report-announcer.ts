import { findErrata } from '../store/errata-store.ts';
import type { Store } from '../store/open-store.ts';
import type { LiveEvents } from './live-events.ts';

/** An erratum that a stored report changed. */
export interface ReportedErratum {
  siteId: string;
  erratumId: string;
}

/**
 * Tells live dashboards about errata that readers' reports changed: one `erratum.updated`
 * per erratum per committed batch, however many of the batch's reports joined it. It works
 * after the batch's readers have their 201 (setImmediate runs once the answers are written)
 * and reads every changed erratum back in one query, so the hot path pays nothing for it.
 */
export class ReportAnnouncer {
  private readonly pending = new Set<Promise<void>>();
  private last: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly events: LiveEvents,
    /** Told when an announcement fails; the reports are stored all the same. */
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues the announcement of one committed batch's errata. */
  announce(changed: Iterable<ReportedErratum>): void {
    const ids = new Set<string>();
    for (const { siteId, erratumId } of changed) {
      // Nobody watching the site: no reason to read anything back.
      if (this.events.isWatched(siteId)) ids.add(erratumId);
    }
    if (ids.size === 0) return;
    // One after another: a batch's read starts after the previous one's was published, so a
    // dashboard never gets an erratum's older state after its newer one.
    const previous = this.last;
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => previous)
      .then(() => this.publish([...ids]))
      .catch(this.onError)
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
    this.last = done;
  }

  /** Resolves once every queued announcement is published (for a graceful shutdown). */
  async drained(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  private async publish(ids: string[]): Promise<void> {
    for (const erratum of await findErrata(this.store.db, ids)) {
      this.events.publish({ type: 'erratum.updated', erratum, cause: 'report', actorId: null });
    }
  }
}
