/**
 * The built widget against its budgets in bytes sent (budgets.json). CI builds first; a change that
 * grows the widget past a budget fails here. Run `npm run build -w @errata/widget` before
 * running this file alone.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgets, LOADER_FILE, weighWidget } from '../budgets.ts';

const dist = join(import.meta.dirname, '..', 'dist');
const languages = readdirSync(join(import.meta.dirname, 'lang'))
  .map((file) => /^([a-z]{2,3})\.ts$/.exec(file)?.[1])
  .filter((code): code is string => code !== undefined);

describe('the built widget', () => {
  if (!existsSync(join(dist, LOADER_FILE)))
    throw new Error('widget not built: run npm run build -w @errata/widget');
  const weights = weighWidget(dist);

  it(`should keep the loader every page loads within ${budgets.loader} bytes as sent (Brotli)`, () => {
    expect(weights.loader).toBeLessThanOrEqual(budgets.loader);
  });

  it.each(languages)(
    `should keep all a reader reporting in %s downloads within ${budgets.reporting} bytes as sent (Brotli)`,
    (code) => {
      expect(weights.reporting[code]).toBeLessThanOrEqual(budgets.reporting);
    },
  );

  it(`should keep what a reader thanked on a later visit downloads within ${budgets.thanked} bytes as sent (Brotli)`, () => {
    expect(weights.thanked).toBeLessThanOrEqual(budgets.thanked);
  });

  it(`should keep the proof-of-work solver, which only sites that ask for it load, within ${budgets.solver} bytes as sent (Brotli)`, () => {
    expect(weights.solver).toBeLessThanOrEqual(budgets.solver);
  });

  it('should have a file for every language, all of one build', () => {
    expect(Object.keys(weights.languages).sort()).toEqual([...languages].sort());
    const versions = new Set(
      readdirSync(dist)
        .filter((file) => /^widget-(dialog|status|solver|lang-[a-z]+)-\w+\.js$/.test(file))
        .map((file) => /-(\w+)\.js$/.exec(file)?.[1]),
    );
    expect(versions.size).toBe(1);
    expect(readFileSync(join(dist, LOADER_FILE), 'utf8')).toContain([...versions][0]);
  });

  it('should keep the loader, the dialog, status and solver parts ASCII, whatever charset they are served with', () => {
    for (const file of scripts(/^widget(-(dialog|status|solver)-\w+)?\.js$/)) {
      expect(
        readFileSync(join(dist, file)).every((byte) => byte < 0x80),
        file,
      ).toBe(true);
    }
  });

  it('should start every language file with a UTF-8 byte order mark, which browsers trust over any declared charset', () => {
    for (const file of scripts(/^widget-lang-/)) {
      expect([...readFileSync(join(dist, file)).subarray(0, 3)], file).toEqual([0xef, 0xbb, 0xbf]);
    }
  });
});

/** The built scripts whose names match. */
function scripts(name: RegExp): string[] {
  return readdirSync(dist).filter((file) => name.test(file) && file.endsWith('.js'));
}
