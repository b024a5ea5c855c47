/**
 * Clean prose stays quiet: licence texts and long changelogs, carefully edited and full of
 * personal names, product names and legal words, get at most one false finding per 1,000
 * words at the product threshold. The texts are the ones `npm ci` installs; the counts are
 * printed so that CI logs show them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { PRODUCT_CONFIDENCE_THRESHOLD } from './threshold.ts';

const MAX_FALSE_PER_1000_WORDS = 1; // The goal for clean prose.
const MIN_WORDS = 20_000; // Below this the rate says little; fail rather than pass on too little text.

const nodeModules = new URL('../../../node_modules/', import.meta.url);
const CORPUS = [
  'typescript/ThirdPartyNoticeText.txt',
  'vite/LICENSE.md',
  'vitest/LICENSE.md',
  'nodemailer/CHANGELOG.md',
  'form-data/CHANGELOG.md',
  '@babel/parser/CHANGELOG.md',
  'diff/release-notes.md',
];

// Real mistakes in those texts, found by the proofreader and checked by hand: not false findings.
const REAL_MISTAKES = new Set([
  'proecess',
  'occurences',
  'caendar',
  'formating',
  'stragne',
  'confict',
  'uncatched',
  'commonn',
  'attachemnts',
  'deprecatin',
  'dependnecy',
  'rediction',
  'overwritting',
  'missin',
  'expiremental',
  'with with',
]);

describe('clean prose', () => {
  it('gets at most one false finding per 1,000 words at the product threshold', async () => {
    let words = 0;
    const falseFindings: string[] = [];
    for (const path of CORPUS) {
      const url = new URL(path, nodeModules);
      if (!existsSync(url)) continue;
      const text = readFileSync(url, 'utf8');
      const count = text.split(/\s+/).filter(Boolean).length;
      const findings = (await check(text, { lang: 'en' })).filter(
        (finding) => finding.confidence >= PRODUCT_CONFIDENCE_THRESHOLD && !REAL_MISTAKES.has(finding.text),
      );
      console.log(`clean prose: ${path}: ${count} words, ${findings.length} false findings`);
      words += count;
      falseFindings.push(...findings.map((finding) => `${path}: ${finding.rule} “${finding.text}”`));
    }
    const rate = (falseFindings.length * 1000) / words;
    console.log(
      `clean prose: ${falseFindings.length} false findings in ${words} words (${rate.toFixed(2)} per 1,000)`,
    );
    console.log(falseFindings.join('\n'));
    expect(words).toBeGreaterThanOrEqual(MIN_WORDS);
    expect(rate).toBeLessThanOrEqual(MAX_FALSE_PER_1000_WORDS);
  });
});
