/**
 * The real-pages corpus's figures, one list for the test's printout and the bench's table,
 * with the goals the product promises on them.
 */
import type { CorpusFailure, CorpusResult, Tally } from './corpus-result.ts';

/** One figure: a tally, and the share (%) it must reach when it has a goal. */
export interface CorpusMeasure {
  /** Stable id, e.g. "fix_verified" (the bench names its figure real_pages.<id>). */
  id: string;
  label: string;
  tally: Tally;
  goal?: number;
}

/** Failures printed per cause; the result holds them all. */
const FAILURES_SHOWN_PER_CAUSE = 25;

export function corpusMeasures(result: CorpusResult): CorpusMeasure[] {
  return [
    { id: 'widget_loaded', label: 'widget loaded (pages)', tally: result.widgetLoaded },
    { id: 'dialog_opened', label: 'dialog opened (words selected)', tally: result.dialogOpened },
    { id: 'sent', label: 'sent and stored, 201 (words selected)', tally: result.sent },
    { id: 'quote_exact', label: 'stored quote is the selected word', tally: result.quoteExact },
    {
      id: 'pages_all_sent',
      label: 'pages with the widget that sent all their reports',
      tally: result.pagesAllSent,
      goal: 100,
    },
    {
      id: 'unchanged_still_there',
      label: 'still there on the unchanged page (errata)',
      tally: result.unchangedStillThere,
      goal: 100,
    },
    {
      id: 'fix_verified',
      label: 'verified with the right replacement after a fix',
      tally: result.fixVerified,
      goal: 98,
    },
    {
      id: 'others_undisturbed',
      label: 'other errata of a fixed page still there',
      tally: result.othersUndisturbed,
      goal: 100,
    },
    {
      id: 'reworded_still_there',
      label: 'still there once its sentence was reworded',
      tally: result.rewordedStillThere,
      goal: 100,
    },
  ];
}

/** The share in %, one decimal; 0 when there was nothing to count. */
export function percent(tally: Tally): number {
  return tally.of === 0 ? 0 : Math.round((tally.passed / tally.of) * 1000) / 10;
}

/** Whether a measure reaches its goal; nothing counted reaches none. */
export function meetsGoal(measure: CorpusMeasure): boolean {
  return measure.goal === undefined || (measure.tally.of > 0 && percent(measure.tally) >= measure.goal);
}

/** Median and largest time per page, in ms. */
export function pageTimes(result: CorpusResult): { median: number; max: number; total: number } {
  const sorted = [...result.pageMs].sort((a, b) => a - b);
  const median = sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
  return {
    median: Math.round(median),
    max: Math.round(sorted.at(-1) ?? 0),
    total: Math.round(sorted.reduce((sum, ms) => sum + ms, 0)),
  };
}

/** The figures as a table, the send statuses, the time per page and the failures by cause. */
export function formatCorpusReport(result: CorpusResult): string {
  const measures = corpusMeasures(result);
  const rows = measures.map((m) => [
    m.label,
    `${m.tally.passed}/${m.tally.of}`,
    `${percent(m.tally).toFixed(1)} %`,
    m.goal === undefined ? '' : `≥ ${m.goal} % ${meetsGoal(m) ? 'ok' : 'MISSED'}`,
  ]);
  const times = pageTimes(result);
  const statuses = Object.entries(result.sendStatuses)
    .map(([status, n]) => `${status === '0' ? 'no answer' : status} × ${n}`)
    .join(', ');
  return [
    `real pages: ${result.pages} pages, ${times.median} ms per page (median; max ${times.max} ms), ${Math.round(times.total / 1000)} s in all`,
    grid(['measure', 'n/N', '%', 'goal'], rows),
    `send statuses: ${statuses || 'none'}`,
    ...failuresByCause(result.failures),
  ].join('\n');
}

/** Failures grouped by cause, one line each: page, quote, expected, got. */
export function failuresByCause(failures: readonly CorpusFailure[]): string[] {
  const causes = [...new Set(failures.map((f) => f.cause))];
  return causes.flatMap((cause) => {
    const ofCause = failures.filter((f) => f.cause === cause);
    const shown = ofCause
      .slice(0, FAILURES_SHOWN_PER_CAUSE)
      .map((f) => `  ${f.page}${f.quote ? ` "${f.quote}"` : ''}: expected ${f.expected}, got ${f.got}`);
    const more = ofCause.length - shown.length;
    return [`${cause} (${ofCause.length}):`, ...shown, ...(more > 0 ? [`  … and ${more} more`] : [])];
  });
}

/** Rows as padded columns; all but the first right-aligned. */
function grid(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
