import { QUOTE_CONTEXT_MAX, type ReportInput, spotKey, TITLE_MAX } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { reportBodies } from './report-bodies.ts';

const ORIGIN = 'http://127.0.0.1:4567';

describe('reportBodies', () => {
  it('makes ~500-byte reports the server accepts, about half of them new spots', () => {
    const next = reportBodies(ORIGIN);
    const spots = new Set<string>();
    let bytes = 0;
    const count = 20_000;
    for (let i = 0; i < count; i++) {
      const body = next();
      bytes += Buffer.byteLength(body);
      const report = JSON.parse(body) as ReportInput;
      expect(report.url.startsWith(`${ORIGIN}/demo/articles/`)).toBe(true);
      expect(report.quote.prefix.length).toBeLessThanOrEqual(QUOTE_CONTEXT_MAX);
      expect(report.quote.suffix.length).toBeLessThanOrEqual(QUOTE_CONTEXT_MAX);
      expect(report.title?.length).toBeLessThanOrEqual(TITLE_MAX);
      expect(report.position.end).toBeGreaterThan(report.position.start);
      spots.add(spotKey(report.url, report.quote)!);
    }
    expect(bytes / count).toBeGreaterThan(400);
    expect(bytes / count).toBeLessThan(600);
    // Hot spots are new the first time too, so short runs have somewhat more than half new.
    expect(spots.size / count).toBeGreaterThan(0.45);
    expect(spots.size / count).toBeLessThan(0.7);
  });

  it('repeats the same sequence for the same seed', () => {
    const a = reportBodies(ORIGIN, 7);
    const b = reportBodies(ORIGIN, 7);
    for (let i = 0; i < 100; i++) expect(a()).toBe(b());
  });
});
