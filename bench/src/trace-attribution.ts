/**
 * Main-thread time a script costs, read from a Chromium trace (categories devtools.timeline
 * and disabled-by-default-devtools.timeline, the ones DevTools' Performance panel records).
 *
 * Counted: complete ('X') events on a renderer's main thread (CrRendererMain) that name the
 * script's URL: EvaluateScript (compiling and running its top level), v8.compile and
 * v8.evaluateModule when they are not inside one, and FunctionCall (any later call into the
 * script: event listeners, timers, idle callbacks). Nested events are counted once, through
 * the outermost. Not counted: parsing on a background thread (off the main thread) and
 * engine work that names no script (style, layout, garbage collection outside the script).
 */

/** The fields of a Chrome trace event the attribution reads. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds. */
  ts: number;
  /** Wall-clock duration, microseconds. */
  dur?: number;
  /** Thread (CPU) time, microseconds; absent when the platform does not report it. */
  tdur?: number;
  args?: { name?: string; fileName?: string; data?: { url?: string } };
}

export interface ScriptTime {
  /** Thread time of the counted events, ms: what the main thread spent on the script. */
  cpuMs: number;
  /** The part of cpuMs spent evaluating the script (compiling and running its top level), not in later calls into it. */
  evaluationCpuMs: number;
  /** Wall-clock time of the same events, ms: also counts time the thread was descheduled. */
  wallMs: number;
  /** Outermost events counted (1 for a script that only ran its top level). */
  events: number;
}

const ATTRIBUTED = new Set(['EvaluateScript', 'v8.compile', 'v8.evaluateModule', 'FunctionCall']);
const MAIN_THREAD = 'CrRendererMain';

/** The events of a trace as `browser.stopTracing()` returns it (an object with traceEvents, or a bare array). */
export function traceEvents(trace: Buffer | string): TraceEvent[] {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/** Main-thread time attributable to the script at `url` (exact match, query included). */
export function scriptMainThreadTime(events: readonly TraceEvent[], url: string): ScriptTime {
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === MAIN_THREAD)
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const counted = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        ATTRIBUTED.has(e.name) &&
        mainThreads.has(`${e.pid}:${e.tid}`) &&
        (e.args?.data?.url ?? e.args?.fileName) === url,
    )
    // Outer events first: earlier start, and at the same start the longer one.
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const endOnThread = new Map<string, number>();
  let wallMicros = 0;
  let cpuMicros = 0;
  let evaluationMicros = 0;
  let outermost = 0;
  for (const event of counted) {
    const thread = `${event.pid}:${event.tid}`;
    const dur = event.dur ?? 0;
    if (event.ts < (endOnThread.get(thread) ?? Number.NEGATIVE_INFINITY)) continue; // nested in a counted event
    endOnThread.set(thread, event.ts + dur);
    wallMicros += dur;
    cpuMicros += event.tdur ?? dur;
    if (event.name !== 'FunctionCall') evaluationMicros += event.tdur ?? dur;
    outermost++;
  }
  return {
    cpuMs: cpuMicros / 1000,
    evaluationCpuMs: evaluationMicros / 1000,
    wallMs: wallMicros / 1000,
    events: outermost,
  };
}
