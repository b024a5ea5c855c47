/** The pages the widget start-up measurement loads: a news article with the widget's script tag. */

/**
 * Stands for a news page's own scripts (analytics, consent banners, ads), which run before
 * an async embed: they touch the DOM, a script element, URL, localStorage and the browser's
 * languages, so the engine's one-off first-use costs (creating the wrappers of element
 * interfaces, opening the origin's storage …) are paid before the widget runs.
 */
const SITE_SCRIPT = `<script>
document.documentElement.className = 'js';
window.siteConfig = { script: document.currentScript.src, page: new URL(location.href).pathname, lang: navigator.languages[0] };
try { window.siteConfig.consent = localStorage.getItem('consent'); } catch (e) {}
</script>`;

const PARAGRAPHS = [
  'The county council voted on Tuesday evening to approve the long-delayed riverside flood defences, ending more than a decade of debate over how to protect the lower town from the winter floods that have become almost yearly.',
  'The scheme, estimated at 14.2 million pounds, will raise the embankment along a two-kilometre stretch of the river and add a pumping station near the old mill. Work is expected to begin in the spring and to last about three years.',
  'Residents who packed the public gallery applauded the decision. "We have been bailing out our kitchens every other February," said one, who has lived on Mill Lane for thirty years. "Today feels like somebody finally listened."',
  'Not everyone was pleased. Two councillors argued that the money would be better spent upstream, on restoring wetlands that slow the water before it reaches the town, and warned that the new wall could move the problem to villages downstream.',
  'The environment agency, which will fund about half of the cost, said its own modelling showed no increased risk downstream, and that the plan included a smaller wetland scheme near the reservoir. A public consultation on the design opens next month.',
];

/** An article page: the text in <article>, the widget's script tag at the end as its README shows it. */
export function articlePage(options: { siteScript: boolean; loaderPath: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Council approves riverside flood defences after decade of debate</title>
<style>body { font: 18px/1.6 Georgia, serif; max-width: 40em; margin: 2em auto; padding: 0 1em; }</style>
${options.siteScript ? SITE_SCRIPT : ''}
</head>
<body>
<header><a href="/">The Riverside Courier</a> · <a href="/local">Local news</a></header>
<main>
<article>
<h1>Council approves riverside flood defences after decade of debate</h1>
<p><em>By our local affairs reporter</em> · <time datetime="2026-03-03">3 March 2026</time></p>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}
</article>
</main>
<footer><p>© The Riverside Courier</p></footer>
<script src="${options.loaderPath}" data-site="demo" async></script>
</body>
</html>
`;
}
