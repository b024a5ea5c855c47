/** How far back grouping's pace is measured. */
const PACE_WINDOW_MS = 1_000;
/** The shortest span a pace is worked out from: a shorter one sees one grouped batch as a burst. */
const PACE_SPAN_MIN_MS = 100;

/**
 * Spaces acknowledging batches at the pace grouping keeps, once too many reports wait for it:
 * each batch of n reports starts n ÷ (reports grouped per millisecond) after the one before.
 * Waiting for the backlog to fall instead lets acknowledging through in bursts, one per
 * grouped batch, and a request arriving between two waits for the whole of the next (the
 * bench's p99 rose from 25 to 66 ms); spaced, every request waits about as long.
 */
export class GroupingPace {
  /** Reports grouped in all, as counted at each look, most recent last. */
  private readonly looks: { at: number; grouped: number }[] = [];
  private nextAt = 0;

  constructor(
    /** The longest one batch waits: a grouping that makes no progress must not hold requests for ever. */
    private readonly waitMaxMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Notes how many reports were grouped so far (in all: a count that only grows), and returns
   * how many milliseconds a batch of `count` reports waits; 0 when `paced` is false (few wait).
   */
  waitFor(count: number, groupedSoFar: number, paced: boolean): number {
    const now = this.now();
    this.note(now, groupedSoFar);
    if (!paced) {
      this.nextAt = now;
      return 0;
    }
    const perMs = this.groupedPerMs();
    // Too few looks yet (the first requests after a start that found many waiting): look again shortly.
    if (perMs === null) return PACE_SPAN_MIN_MS;
    if (perMs <= 0) return this.waitMaxMs;
    const startAt = Math.max(now, this.nextAt);
    this.nextAt = startAt + count / perMs;
    return Math.min(startAt - now, this.waitMaxMs);
  }

  private note(at: number, grouped: number): void {
    this.looks.push({ at, grouped });
    // The newest look from before the window stays: the window is spanned whole.
    while (this.looks.length > 1 && (this.looks[1] as { at: number }).at <= at - PACE_WINDOW_MS)
      this.looks.shift();
  }

  /** Reports grouped per millisecond over the window; null while it spans too little time to tell. */
  private groupedPerMs(): number | null {
    const first = this.looks[0];
    const last = this.looks[this.looks.length - 1];
    if (!first || !last || last.at - first.at < PACE_SPAN_MIN_MS) return null;
    return (last.grouped - first.grouped) / (last.at - first.at);
  }
}
