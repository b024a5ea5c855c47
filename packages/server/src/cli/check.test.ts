import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pageText } from '../domain/page-text.ts';
import { type PageServer, startPageServer } from '../testing/page-server.ts';
import { main } from './main.ts';

const NIGHT_MARKET = fileURLToPath(
  new URL('../../../../examples/newsroom/articles/night-market.html', import.meta.url),
);
/** A misspelling and a doubled word, at known offsets. */
const TEXT = 'The council will recieve the the plans on Monday.\n';
const KEYS = ['start', 'end', 'text', 'rule', 'message', 'suggestions'];

interface Printed {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `errata …` in this process and collects what it printed. */
async function errata(...args: string[]): Promise<Printed> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

interface JsonFinding {
  start: number;
  end: number;
  text: string;
  rule: string;
  message: string;
  suggestions: string[];
}

/** The JSON line, checked to be one line whose findings carry exactly the documented keys in order. */
function findingsOf(printed: Printed): JsonFinding[] {
  expect(printed.stdout.endsWith('\n')).toBe(true);
  expect(printed.stdout.trimEnd()).not.toContain('\n');
  const parsed = JSON.parse(printed.stdout) as { findings: JsonFinding[] };
  expect(Object.keys(parsed)).toEqual(['findings']);
  for (const finding of parsed.findings) expect(Object.keys(finding)).toEqual(KEYS);
  return parsed.findings;
}

const folder = mkdtempSync(join(tmpdir(), 'errata-check-'));
let pages: PageServer;
beforeAll(async () => {
  pages = await startPageServer();
});
afterAll(async () => {
  await pages.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('errata check', () => {
  it('should find a misspelling and a doubled word in a text file, with offsets into the file', async () => {
    const file = join(folder, 'note.txt');
    writeFileSync(file, TEXT);
    const printed = await errata('check', file, '--format', 'json');
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    const findings = findingsOf(printed);
    const misspelling = TEXT.indexOf('recieve');
    const doubled = TEXT.indexOf('the the');
    expect(findings).toEqual([
      expect.objectContaining({
        start: misspelling,
        end: misspelling + 7,
        text: 'recieve',
        rule: 'spelling',
      }),
      expect.objectContaining({ rule: 'repeated-word' }),
    ]);
    expect(findings[0]?.suggestions[0]).toBe('receive');
    const repeated = findings[1] as JsonFinding;
    // The finding covers the second "the" at least, and nothing outside "the the".
    expect(repeated.start).toBeGreaterThanOrEqual(doubled);
    expect(repeated.end).toBe(doubled + 7);
    for (const finding of findings) expect(TEXT.slice(finding.start, finding.end)).toBe(finding.text);
  });

  it('should print one line per finding with line and column, and a count', async () => {
    const file = join(folder, 'two-lines.txt');
    writeFileSync(file, `A clean first line.\n${TEXT}`);
    const printed = await errata('check', file);
    expect(printed.code).toBe(0);
    const lines = printed.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^2:18 spelling .*recieve.* → receive/);
    expect(lines.at(-1)).toBe(`${lines.length - 1} findings`);
  });

  it('should read an HTML page through the article text the server reads', async () => {
    const file = join(folder, 'night-market.html');
    const html = readFileSync(NIGHT_MARKET, 'utf8');
    writeFileSync(file, html);
    const printed = await errata('check', file, '--format', 'json');
    expect(printed.code).toBe(0);
    const text = pageText(html, null).text;
    const doubled = findingsOf(printed).find((finding) => finding.rule === 'repeated-word');
    expect(doubled).toBeDefined();
    const { start, end } = doubled as JsonFinding;
    expect(text.slice(start, end)).toBe(doubled?.text);
    expect(start).toBeGreaterThanOrEqual(text.indexOf('the the'));
    expect(end).toBe(text.indexOf('the the') + 'the the'.length);
  });

  it('should fetch a page by URL, loopback included, and check its article text', async () => {
    const html = readFileSync(NIGHT_MARKET, 'utf8');
    pages.set('/night-market.html', html);
    const printed = await errata('check', `${pages.origin}/night-market.html`, '--format', 'json');
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    const file = await errata('check', join(folder, 'night-market.html'), '--format', 'json');
    expect(printed.stdout).toBe(file.stdout);
  });

  it('should exit 2 with one line for a missing file', async () => {
    const printed = await errata('check', join(folder, 'missing.txt'));
    expect(printed).toEqual({
      code: 2,
      stdout: '',
      stderr: `errata check: cannot read ${join(folder, 'missing.txt')}: no such file\n`,
    });
  });

  it('should exit 2 with one line for a folder', async () => {
    const sub = join(folder, 'a-folder');
    mkdirSync(sub);
    const printed = await errata('check', sub);
    expect(printed).toMatchObject({ code: 2, stdout: '' });
    expect(printed.stderr).toBe(`errata check: cannot read ${sub}: it is a folder, not a file\n`);
  });

  it('should exit 2 with one line for a URL that answers 404', async () => {
    const url = `${pages.origin}/no-such-page.html`;
    const printed = await errata('check', url);
    expect(printed).toEqual({ code: 2, stdout: '', stderr: `errata check: cannot read ${url}: HTTP 404\n` });
  });

  it('should exit 2 for a wrong --format or --lang', async () => {
    const file = join(folder, 'note.txt');
    writeFileSync(file, TEXT);
    const format = await errata('check', file, '--format', 'xml');
    expect(format).toEqual({
      code: 2,
      stdout: '',
      stderr: 'errata check: --format must be text or json, not "xml"\n',
    });
    const lang = await errata('check', file, '--lang', 'xx');
    expect(lang.code).toBe(2);
    expect(lang.stderr).toMatch(/^errata check: --lang "xx" is not one of the proofreader's languages/);
  });
});
