/** One measured number, as printed in the table and written to results/latest.json. */
export interface Figure {
  /** Stable dotted id, e.g. "ingest.req_per_s"; later runs are compared by it. */
  name: string;
  value: number;
  /** "B", "req/s", "ms", "×", "count" … */
  unit: string;
  /** Largest acceptable value, when the figure has a budget. */
  budget?: number;
  /** Whether the figure is within its budget (or, without a budget, whether a sanity check passed). */
  ok?: boolean;
  /** What a reader needs to read the number: per-round values, files, reference figures. */
  note?: string;
  /** For a peer's figure, measured the way Errata's is: the product and version, e.g. "Sentry user feedback 11.12.0". */
  peer?: string;
}

/** What every measurement receives. */
export interface BenchContext {
  /** The repository's root folder. */
  repoRoot: string;
  /** Seconds of each measured load run (BENCH_DURATION). */
  durationSeconds: number;
  /** Interleaved repetitions of each load run (BENCH_ROUNDS). */
  rounds: number;
  /** Concurrent connections of load runs (BENCH_CONNECTIONS). */
  connections: number;
  /** Page loads of the widget start-up measurement in Chromium (BENCH_PAGE_LOADS). */
  pageLoads: number;
  /** Progress lines, to stderr so stdout holds only the table. */
  log(message: string): void;
}

/** One module of the benchmark: it measures something and returns its figures. */
export interface Measurement {
  title: string;
  run(context: BenchContext): Promise<Figure[]>;
}

/** A figure checked against a budget (value ≤ budget). */
export function budgeted(figure: Omit<Figure, 'ok'> & { budget: number }): Figure {
  const { note, ...rest } = figure;
  return { ...rest, ok: figure.value <= figure.budget, ...(note === undefined ? {} : { note }) };
}
