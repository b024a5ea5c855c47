/**
 * A test's stand-in for the server's text model: the text of a page's <article>, with block
 * boundaries as line breaks and inline markup joined with nothing, as the server reads it.
 * Crude on purpose: the proofreader must not depend on the server or an HTML parser.
 */
const BLOCKS =
  'p|div|h[1-6]|li|dt|dd|blockquote|pre|br|hr|tr|caption|figure|figcaption|section|article|aside|header|footer|nav|table|ul|ol';
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function articleText(html: string): string {
  const article = /<article\b[^>]*>([\s\S]*)<\/article>/i.exec(html)?.[1] ?? html;
  return article
    .replace(/<(script|style|template|svg)\b[\s\S]*?<\/\1>/gi, '')
    .replace(new RegExp(`<\\/?(?:${BLOCKS})\\b[^>]*>`, 'gi'), '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, name: string) => {
      if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name] ?? entity;
    });
}
