/**
 * Levenshtein distance between two short strings (context windows, quotes), in O(a·b) time
 * and O(b) memory. Callers keep the strings short: contexts are 32 characters.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length] as number;
}

/** 1 for equal strings, 0 for nothing in common: 1 − distance / longer length. Two empty strings are equal. */
export function similarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  return longer === 0 ? 1 : 1 - editDistance(a, b) / longer;
}

/**
 * Whether similarity(a, b) ≥ `min`, without filling the whole table: only the diagonal band that
 * an edit distance within the bound can reach, row by row, stopping once a row is past the
 * bound. Grouping asks this of two 64-character contexts for most reports it compares, and at
 * 0.9 the band is 13 cells of each row's 65.
 */
export function similarAtLeast(a: string, b: string, min: number): boolean {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return min <= 1;
  // The most edits similarity() still rates ≥ min, in its own floating-point arithmetic.
  let limit = Math.min(longer, Math.ceil((1 - min) * longer) + 1);
  while (limit >= 0 && 1 - limit / longer < min) limit--;
  return limit >= 0 && editDistanceWithin(a, b, limit);
}

/** Whether editDistance(a, b) ≤ limit, filling only the cells within `limit` of the diagonal. */
function editDistanceWithin(a: string, b: string, limit: number): boolean {
  if (Math.abs(a.length - b.length) > limit) return false;
  if (a === b) return true;
  const n = b.length;
  const past = limit + 1;
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = Math.min(j, past);
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(n, i + limit);
    current[0] = Math.min(i, past);
    // The cells beside the band stand for "too far", for this row and the next.
    if (from > 1) current[from - 1] = past;
    if (to < n) current[to + 1] = past;
    let rowMin = from === 1 ? (current[0] as number) : past;
    for (let j = from; j <= to; j++) {
      const substitution =
        (previous[j - 1] as number) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const cell = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
      current[j] = cell;
      if (cell < rowMin) rowMin = cell;
    }
    if (rowMin > limit) return false;
    [previous, current] = [current, previous];
  }
  return (previous[n] as number) <= limit;
}
