/**
 * The texts the proofreader is measured on: the demo newsroom with its planted mistakes, the
 * saved real article pages (../shared/data/real-pages), the public misspelling lists
 * (../shared/data/spelling, see its SOURCE.md) and clean prose from licences and changelogs
 * installed under node_modules. Article text is read with the server's own text model.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageText } from '@errata/server/testing';
import type { Planted } from './planting.ts';

/** `../shared/data` beside the checkout: public data too large for the repository. */
export function sharedDataDir(repoRoot: string): string {
  return join(repoRoot, '..', 'shared', 'data');
}

/** A text to check, named for the reader of the figures. */
export interface NamedText {
  name: string;
  text: string;
}

/** A newsroom page's article text and the mistakes planted in it (examples/newsroom/mistakes.json). */
export interface NewsroomPage extends NamedText {
  mistakes: Planted[];
}

interface MistakeEntry {
  page: string;
  exact: string;
  correction: string;
  kind: string;
}

/**
 * The pages named in examples/newsroom/mistakes.json, each read as the server reads it, with
 * every planted mistake placed at its first occurrence in that text. Throws when a mistake's
 * words are not in its page: the list and the pages have drifted apart.
 */
export function newsroomPages(repoRoot: string): NewsroomPage[] {
  const root = join(repoRoot, 'examples/newsroom');
  const entries = JSON.parse(readFileSync(join(root, 'mistakes.json'), 'utf8')) as MistakeEntry[];
  const names = [...new Set(entries.map((entry) => entry.page))];
  return names.map((name) => {
    const text = pageText(readFileSync(join(root, name), 'utf8'), null).text;
    const mistakes = entries
      .filter((entry) => entry.page === name)
      .map((entry): Planted => {
        const start = text.indexOf(entry.exact);
        if (start === -1) throw new Error(`mistakes.json: "${entry.exact}" is not in ${name}'s text`);
        return {
          start,
          end: start + entry.exact.length,
          kind: entry.kind,
          exact: entry.exact,
          correction: entry.correction,
        };
      });
    return { name, text, mistakes };
  });
}

/** The saved real pages in English (`<html lang="en…">`), each page's article text. */
export function englishRealPages(dataDir: string): NamedText[] {
  const dir = join(dataDir, 'real-pages');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .sort()
    .flatMap((file) => {
      const html = readFileSync(join(dir, file), 'utf8');
      // A rough look at the <html> tag is enough to pick the corpus; the CLI parses it properly.
      const lang = /<html\b[^>]*?\blang\s*=\s*["']?([\w-]+)/i.exec(html)?.[1] ?? '';
      if (!/^en\b/i.test(lang)) return [];
      return [{ name: file.replace(/\.html$/, ''), text: pageText(html, null).text }];
    });
}

/**
 * Sentences that look like edited running prose: 6–50 words, starting with a capital (or an
 * opening quote) and ending with a full stop, question or exclamation mark; no addresses,
 * bars or at-signs (navigation, bylines, code).
 */
export function proseSentences(text: string): string[] {
  return text
    .split('\n')
    .flatMap((paragraph) => paragraph.split(/(?<=[.!?]["”’)]?)\s+(?=["“‘(]?\p{Lu})/u))
    .map((sentence) => sentence.trim())
    .filter((sentence) => {
      const words = sentence.split(/\s+/).length;
      return (
        words >= 6 &&
        words <= 50 &&
        /^["“‘(]?\p{Lu}/u.test(sentence) &&
        /[.!?]["”’)]?$/.test(sentence) &&
        !/https?:|www\.|@|\||\t/.test(sentence)
      );
    });
}

/** One line of Wikipedia's list of common misspellings: the wrong form and its right ones. */
export interface MisspellingPair {
  wrong: string;
  /** The right forms, the list's first choice first. */
  rights: string[];
}

/** wikipedia-common-misspellings.txt: `wrong->right[, alternative]` lines, `#` comments skipped. */
export function wikipediaMisspellings(dataDir: string): MisspellingPair[] {
  const file = join(dataDir, 'spelling', 'wikipedia-common-misspellings.txt');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.includes('->') && !line.startsWith('#'))
    .map((line) => {
      const [wrong = '', rights = ''] = line.split('->');
      return {
        wrong: wrong.trim(),
        rights: rights
          .split(',')
          .map((right) => right.trim())
          .filter(Boolean),
      };
    });
}

/** A learner's misspelling and its correction (TOEFL-Spell, type M). */
export interface CorrectionPair {
  wrong: string;
  right: string;
}

/** toefl-spell-annotations.tsv: Filename, OffsetSpan, Misspelling, Type, Correction; type M rows. */
export function toeflMisspellings(dataDir: string): CorrectionPair[] {
  const file = join(dataDir, 'spelling', 'toefl-spell-annotations.tsv');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((columns) => columns[3] === 'M')
    .map((columns) => ({ wrong: (columns[2] ?? '').trim(), right: (columns[4] ?? '').trim() }));
}

/**
 * Clean, carefully edited prose full of names: licences (Apache 2.0, MPL 2.0, SCOWL's, the
 * notices TypeScript and Vite ship for the code they include) and long changelogs, as
 * installed by `npm ci` at the versions package-lock.json pins. Paths under node_modules.
 */
export const CLEAN_PROSE_FILES = [
  'typescript/LICENSE.txt',
  'typescript/ThirdPartyNoticeText.txt',
  'axe-core/LICENSE',
  'dictionary-en/license',
  'vite/LICENSE.md',
  'nodemailer/CHANGELOG.md',
  'smtp-server/CHANGELOG.md',
  'form-data/CHANGELOG.md',
] as const;

/**
 * Real mistakes in the clean prose files, checked by hand: findings on them are right, not
 * false. SCOWL's licence quotes misspellings on purpose ("ort", "calender") and lists rare
 * words; those stay counted as false findings, since an editor would have to dismiss them.
 */
export const REAL_MISTAKES: Record<string, readonly string[]> = {
  'nodemailer/CHANGELOG.md': ['proecess', 'occurences', 'caendar', 'formating', 'stragne', 'confict'],
  'form-data/CHANGELOG.md': ['rediction'],
  'dictionary-en/license': ['mainted'],
};

/** The clean prose files that are installed, stripped of Markdown syntax, code and addresses. */
export function cleanProse(repoRoot: string): NamedText[] {
  return CLEAN_PROSE_FILES.flatMap((file) => {
    const path = join(repoRoot, 'node_modules', file);
    if (!existsSync(path)) return [];
    return [{ name: file, text: proseOf(readFileSync(path, 'utf8')) }];
  });
}

/**
 * Running prose out of Markdown or a plain licence, crudely: code blocks and spans, addresses,
 * e-mail addresses, @handles, commit hashes and HTML tags go; links keep their words; heading,
 * list and emphasis marks go. What is left is what a reader reads as sentences.
 */
export function proseOf(source: string): string {
  return (
    source
      .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, ' ')
      // Links to commits and issues ("[`8dff42c`](…)") are references, not words of the sentence.
      .replace(/\[`[^`\]\n]*`\]\([^)]*\)/g, ' ')
      // A code span stands for a word in its sentence ("added `foo`, `bar`"): a placeholder word
      // keeps the sentence's punctuation where it was.
      .replace(/`[^`\n]*`/g, 'code')
      .replace(/\bcode(?:[ \t]+code\b)+/g, 'code')
      .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/^\s*\[[^\]]+\]:\s*\S+.*$/gm, ' ')
      .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
      .replace(/\[([^\]]*)\]/g, '$1')
      .replace(/\s*<[^>\s]+@[^>\s]+>/g, '')
      .replace(/<[^>\n]+>/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/gi, ' ')
      .replace(/\b(?:https?|ftp):\/\/[^\s)>\]]+/g, ' ')
      .replace(/\bwww\.[^\s)>\]]+/g, ' ')
      .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, ' ')
      .replace(/(^|\s)@[\w./-]+/g, '$1')
      .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}\b/g, ' ')
      .replace(/^\s{0,3}#{1,6}\s+/gm, '')
      .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
      .replace(/(\*\*|__|~~)/g, '')
      .replace(/(^|[\s(])[*_]([^\s*_])/g, '$1$2')
      .replace(/([^\s*_])[*_](?=[\s).,;:!?]|$)/gm, '$1')
      .replace(/[ \t]+/g, ' ')
  );
}
