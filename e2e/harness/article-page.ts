/** The embed line's two values: where the Errata server is and which site the page belongs to. */
export interface Embed {
  /** The Errata server's origin: the script's src and where reports go. */
  origin: string;
  /** The site's public key, the embed's data-site. */
  key: string;
}

/** The text of an article page's lead paragraph in each test language. */
export const LEAD =
  'Rain fell all day. The mayor of Minks said no to the new bridge. Later, the council met.';

/**
 * An article page embedding the widget with the one line a site pastes. `article` is the
 * article's inner HTML (a lead paragraph by default); `script` adds attributes to the script tag.
 */
export function articlePage(
  embed: Embed,
  {
    lang = 'en',
    dir,
    title = 'Bridge vote',
    head = '',
    article = `<h1 id="headline" tabindex="-1">Council debates the bridge</h1><p id="lead">${LEAD}</p>`,
    outside = '',
    script = '',
  }: {
    lang?: string;
    dir?: string;
    title?: string;
    head?: string;
    article?: string;
    outside?: string;
    script?: string;
  } = {},
): string {
  return `<!doctype html>
<html${lang ? ` lang="${lang}"` : ''}${dir ? ` dir="${dir}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${head}
</head>
<body>
<header><p>Daily Example</p></header>
<main>
  <article>
    ${article}
  </article>
</main>
${outside}
<script src="${embed.origin}/widget.js" data-site="${embed.key}" ${script} async></script>
</body>
</html>`;
}

/** The data-site of an embed that names no site of the server's. */
export const UNKNOWN_KEY = 'no-such-site';
/** What the server answers a report from such an embed (403). */
export const UNKNOWN_SITE_REFUSAL = `Unknown site "${UNKNOWN_KEY}": check the embed's data-site.`;

/**
 * The plain article at /article, and the same article at /unknown-site under an embed that
 * names no site of the server's: a page whose reports the real server refuses.
 */
export function articleAndRefusedPages(embed: Embed): Record<string, string> {
  return { '/article': articlePage(embed), '/unknown-site': articlePage({ ...embed, key: UNKNOWN_KEY }) };
}
