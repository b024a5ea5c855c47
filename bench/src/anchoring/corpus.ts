import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A named article text to anchor in. */
export interface Article {
  name: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The demo newsroom's article texts (examples/newsroom), original prose of 400–700 words,
 * blocks separated by newlines. A rough tag strip is enough for a benchmark corpus; the
 * product's own text model is in core.
 */
export function newsroomArticles(repoRoot: string): Article[] {
  const root = join(repoRoot, 'examples/newsroom');
  const pages = ['articles', 'docs'].flatMap((folder) =>
    readdirSync(join(root, folder))
      .filter((name) => name.endsWith('.html'))
      .map((name) => join(folder, name)),
  );
  return pages.map((page) => ({ name: page, text: articleText(readFileSync(join(root, page), 'utf8')) }));
}

/** All articles one after another: a ~20 KB article for speed figures. */
export function longArticle(articles: Article[]): Article {
  let text = articles.map((a) => a.text).join('\n');
  while (text.length < 20_000) text += `\n${text}`;
  return { name: 'all articles', text: text.slice(0, 20_000) };
}

function articleText(html: string): string {
  const inner = /<article[^>]*>([\s\S]*?)<\/article>/i.exec(html)?.[1] ?? html;
  return inner
    .replace(/<(script|style|svg)[\s\S]*?<\/\1>/gi, '')
    .replace(
      /<\/?(p|h[1-6]|li|ul|ol|div|section|table|tr|td|th|pre|blockquote|figure|figcaption|header|footer|br)\b[^>]*>/gi,
      '\n',
    )
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, code: string) => {
      if (code.startsWith('#x')) return String.fromCodePoint(Number.parseInt(code.slice(2), 16));
      if (code.startsWith('#')) return String.fromCodePoint(Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? entity;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
