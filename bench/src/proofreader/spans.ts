/** Matching findings to planted mistakes, and the counts the proofreader's figures are made of. */

/** A stretch of a text, in UTF-16 code units; `end` is exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Whether two spans share a character. An empty span (a missing space, say) counts as
 * overlapping a span it sits inside or at the edge of, so "harbour.The" matches a finding
 * that marks the gap between "." and "T".
 */
export function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end) return b.start <= a.start && a.start <= b.end;
  if (b.start === b.end) return a.start <= b.start && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}

/** Which planted mistakes some finding overlaps, and the findings that overlap none of them. */
export function matchFindings<F extends Span>(
  planted: readonly Span[],
  findings: readonly F[],
): { found: boolean[]; unmatched: F[] } {
  return {
    found: planted.map((mistake) => findings.some((finding) => overlaps(finding, mistake))),
    unmatched: findings.filter((finding) => !planted.some((mistake) => overlaps(finding, mistake))),
  };
}

/** Words as a reader counts them: runs of letters or digits, apostrophes and hyphens inside. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

/** `part` of `whole` in %, one decimal; NaN when there is nothing to count. */
export function percent(part: number, whole: number): number {
  return whole === 0 ? Number.NaN : Math.round((part / whole) * 1000) / 10;
}

/** `count` per 1,000 of `words`, two decimals. */
export function perThousandWords(count: number, words: number): number {
  return words === 0 ? Number.NaN : Math.round((count / words) * 100_000) / 100;
}

/** A ratio with two decimals; Infinity when the baseline found nothing and Errata something. */
export function ratio(ours: number, theirs: number): number {
  if (theirs === 0) return ours === 0 ? Number.NaN : Number.POSITIVE_INFINITY;
  return Math.round((ours / theirs) * 100) / 100;
}
