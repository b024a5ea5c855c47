import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCases, CASE_TYPES } from './cases.ts';
import { newsroomArticles } from './corpus.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('anchoring benchmark cases', () => {
  const cases = buildCases(newsroomArticles(repoRoot), 10);

  it('has cases of every kind of edit', () => {
    for (const type of CASE_TYPES) expect(cases.filter((c) => c.type === type).length).toBe(10);
  });

  it('expects what the edited text really holds at the expected place', () => {
    for (const c of cases) {
      if (c.expected.verdict === 'gone') {
        expect(c.after.includes(`${c.quote.prefix.slice(-16)}${c.quote.exact}`)).toBe(false);
        continue;
      }
      const there = c.after.slice(c.expected.start, (c.expected.start ?? 0) + c.quote.exact.length);
      if (c.type === 'typo-fixed') expect(there).not.toBe(c.quote.exact);
      else expect(there.replace(/\s/g, ' ')).toBe(c.quote.exact.replace(/\s/g, ' '));
    }
  });
});
