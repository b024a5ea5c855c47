import { describe, expect, it } from 'vitest';
import { scriptMainThreadTime, type TraceEvent, traceEvents } from './trace-attribution.ts';

const URL = 'http://127.0.0.1:5000/widget.js';
const thread = (tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  pid: 1,
  tid,
  ts: 0,
  args: { name },
});
const event = (name: string, ts: number, dur: number, tdur: number, url = URL, tid = 10): TraceEvent => ({
  name,
  ph: 'X',
  pid: 1,
  tid,
  ts,
  dur,
  tdur,
  args: name === 'v8.compile' ? { fileName: url, data: { url } } : { data: { url } },
});

describe('scriptMainThreadTime', () => {
  const events = [
    thread(10, 'CrRendererMain'),
    thread(20, 'ThreadPoolForegroundWorker'),
    event('EvaluateScript', 1000, 900, 600),
    event('v8.compile', 1010, 100, 100), // inside EvaluateScript: counted through it
    event('v8.parseOnBackground', 500, 400, 400, URL, 20), // another thread and name
    event('FunctionCall', 5000, 50, 40), // a listener called later
    event('EvaluateScript', 6000, 300, 300, 'http://127.0.0.1:5000/other.js'),
    event('FunctionCall', 7000, 30, 30, URL, 20), // not a main thread
  ];

  it('sums outermost main-thread events of the script, thread time and wall time', () => {
    expect(scriptMainThreadTime(events, URL)).toEqual({
      cpuMs: 0.64,
      evaluationCpuMs: 0.6,
      wallMs: 0.95,
      events: 2,
    });
  });

  it('falls back to wall time without thread time, and finds nothing for another URL', () => {
    const { tdur: _, ...noThreadTime } = event('EvaluateScript', 1000, 500, 0);
    expect(scriptMainThreadTime([thread(10, 'CrRendererMain'), noThreadTime], URL).cpuMs).toBe(0.5);
    expect(scriptMainThreadTime(events, 'http://127.0.0.1:5000/none.js').events).toBe(0);
  });

  it('reads traces as Chromium writes them, object or array', () => {
    expect(traceEvents(JSON.stringify({ traceEvents: events }))).toHaveLength(events.length);
    expect(traceEvents(Buffer.from(JSON.stringify(events)))).toHaveLength(events.length);
  });
});
