/**
 * The wait after `failures` failures in a row, the latest included: `firstMs` after the
 * first, doubled with each further one, at most `capMs`. A count below 1 counts as 1. The
 * exponent stops at 1000, so a huge count gives `capMs` (or 0 for `firstMs` 0), never
 * Infinity or NaN. Jitter, Retry-After and deadlines are each caller's own.
 * @example doublingWaitMs(3, 30_000, 3_600_000) // 120000 (30 s · 4)
 */
export function doublingWaitMs(failures: number, firstMs: number, capMs: number): number {
  return Math.min(capMs, firstMs * 2 ** Math.min(Math.max(failures - 1, 0), 1000));
}
