/**
 * Tricky HTML fragments and the root text the text model must give for each. The server
 * test reads them with parse5 (packages/server/src/domain/page-text.test.ts) and the browser
 * test in real Chromium (e2e/text-model.test.ts): both must give `text`, and the same
 * segments, so a position the widget computes is a position the server finds.
 * Test data only: core's index does not export it.
 */

/** One fragment and the text its article root must read as. */
export interface TextModelFixture {
  /** What the fragment shows, as a test name. */
  name: string;
  /** The body's HTML (see fixtureDocument). */
  html: string;
  /** The site's root selector (`data-root`); absent: the first article, else main, else body. */
  root?: string;
  /** The root's text under the text model. */
  text: string;
  /**
   * Why the text's words differ from what Chromium renders (the root's innerText), when they
   * do; the browser test checks that the others read word for word as rendered.
   */
  unlikeRendering?: string;
}

/** The whole page a fixture is served as: the same bytes for the browser and the server. */
export function fixtureDocument(fixture: TextModelFixture): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture</title></head><body>${fixture.html}</body></html>`;
}

export const TEXT_MODEL_FIXTURES: readonly TextModelFixture[] = [
  {
    name: 'inline formatting joins without separators',
    html: '<article><p>The <a href="#a">full <em>audit</em> report</a> was <strong>publ</strong>shed <code>today</code>, <abbr title="United Nations">UN</abbr> <mark>said</mark>.</p></article>',
    text: 'The full audit report was publshed today, UN said.',
  },
  {
    name: 'nested blocks with no whitespace between tags read as lines',
    html: '<article><h1>Headline</h1><p>First.</p><div><p>Nested</p><blockquote><p>Quoted</p></blockquote></div><p>Last.</p></article>',
    text: 'Headline\nFirst.\nNested\nQuoted\nLast.',
  },
  {
    name: 'whitespace between tags is kept as it is and needs no separator',
    html: '<article>\n  <h1>Headline</h1>\n  <p>First\n     line.</p>\n</article>',
    text: '\n  Headline\n  First\n     line.\n',
  },
  {
    name: 'inline elements parted only by whitespace keep it',
    html: '<article><p><b>one</b> <i>two</i>\n<span>three</span></p></article>',
    text: 'one two\nthree',
  },
  {
    name: 'text around blocks inside the root',
    html: '<article>Intro<p>Para</p>Outro</article>',
    text: 'Intro\nPara\nOutro',
  },
  {
    name: '<br> is a line break, several in a row one, none where whitespace follows',
    html: '<article><p>Line one<br>Line two<br><br>Line three<br></p><address>1 Main St<br>\nSpringfield</address></article>',
    text: 'Line one\nLine two\nLine three\n1 Main St\nSpringfield',
  },
  {
    name: 'lists, nested lists, unclosed items and definition lists',
    html: '<article><p>Steps:</p><ol><li>Mix<li>Bake <ul><li>at 200 °C</li></ul></li><li>Serve</ol><dl><dt>Term</dt><dd>Definition</dd></dl></article>',
    text: 'Steps:\nMix\nBake at 200 °C\nServe\nTerm\nDefinition',
  },
  {
    name: 'table: cells parted by a space, rows and the caption by line breaks',
    html: '<article><table><caption>Results</caption><thead><tr><th>Team</th><th>Score</th></tr></thead><tbody><tr><td>Ajax</td><td>2</td></tr><tr><td>PSV</td><td>1</td></tr></tbody></table><p>After.</p></article>',
    text: 'Results\nTeam Score\nAjax 2\nPSV 1\nAfter.',
  },
  {
    name: 'table written with whitespace and text the parser moves out of the table',
    html: '<article><table>Stray\n  <tr>\n    <td>a</td>\n    <td>b</td>\n  </tr>\n</table></article>',
    text: 'Stray\n  \n    a\n    b\n  \n',
  },
  {
    name: 'text right before and after lists and tables',
    html: '<article>Before<ul><li>item</li></ul>between<table><tr><td>cell</td></tr></table>after</article>',
    text: 'Before\nitem\nbetween\ncell\nafter',
  },
  {
    name: 'a paragraph the parser closes at a block',
    html: '<article><p>One<div>Two</div>Three</article>',
    text: 'One\nTwo\nThree',
  },
  {
    name: 'sectioning elements, figure and hr',
    html: '<article><section><header><h2>A</h2></header><div><div><p>B</p></div></div><footer>C</footer></section><figure><img src="data:," alt="Alt text is not text"><figcaption>D</figcaption></figure><hr><aside>E</aside></article>',
    text: 'A\nB\nC\nD\nE',
  },
  {
    name: 'hidden is skipped; hidden="until-found" and aria-hidden are counted',
    html: '<article><p>Shown</p><p hidden>Hidden</p><p>one<span hidden> two</span> three</p><div hidden="until-found">Found</div><span aria-hidden="true">★</span><p>End</p></article>',
    text: 'Shown\none three\nFound\n★\nEnd',
    unlikeRendering: 'until-found content is counted before the browser reveals it',
  },
  {
    name: 'script, style, noscript and template are skipped',
    html: '<article><style>p { color: teal }</style><p>Before<script>window.fixtureScript = "</p><p>";</script> after</p><noscript><p>Enable JavaScript</p></noscript><template><p>Template</p></template></article>',
    text: 'Before after',
  },
  {
    name: 'data-errata-ignore takes its subtree out',
    html: '<article><p>Keep <span data-errata-ignore>not this </span>this</p><div data-errata-ignore="true"><p>Widget</p></div><p>Too</p></article>',
    text: 'Keep this\nToo',
    unlikeRendering: 'the page shows what it marks; the model leaves it out',
  },
  {
    name: 'comments are not text and join what is around them',
    html: '<article><p>Com<!-- a comment -->bined</p><!-- <p>old</p> --><p>Next</p></article>',
    text: 'Combined\nNext',
  },
  {
    name: 'entities are decoded, &nbsp; stays a no-break space',
    html: '<article><p>Fish&nbsp;&amp;&nbsp;chips &lt;b&gt; &#8212; caf&eacute; &copy 2024</p></article>',
    text: 'Fish\u00a0&\u00a0chips <b> \u2014 café © 2024',
  },
  {
    name: 'soft hyphens, zero-width spaces and <wbr> stay as they are',
    html: '<article><p>Extra&shy;ordinary&#8203;word super<wbr>cali</p></article>',
    text: 'Extra\u00adordinary\u200bword supercali',
  },
  {
    name: 'right-to-left text with inline elements and direction marks',
    html: '<article dir="rtl"><p>قال <a href="#r">رئيس</a> البلدية: <bdi>Minsk</bdi>&rlm;.</p><p lang="he">שלום <em>עולם</em></p></article>',
    text: 'قال رئيس البلدية: Minsk\u200f.\nשלום עולם',
  },
  {
    name: 'emoji and astral characters',
    html: '<article><p>Hi 👋🏽 <span>Zoë</span> 𝔘𝔫𝔦</p></article>',
    text: 'Hi 👋🏽 Zoë 𝔘𝔫𝔦',
  },
  {
    name: 'pre keeps its whitespace; the parser drops the newline right after <pre>',
    html: '<article><pre>\n  indented\n\tcode  \n</pre><p>After</p></article>',
    text: '  indented\n\tcode  \nAfter',
  },
  {
    name: 'CRLF in the source reads as LF',
    html: '<article><p>one\r\ntwo</p></article>',
    text: 'one\ntwo',
  },
  {
    name: 'form controls give no text; buttons and labels do',
    html: '<article><p><label>Pick</label> <select><option>one</option><option>two</option></select> and write <textarea>draft</textarea> here<input value="typed">. <button>Send</button></p></article>',
    text: 'Pick  and write  here. Send',
    unlikeRendering:
      'innerText lists the options of a <select>; a selection across it, like the model, does not',
  },
  {
    name: 'svg drawings, math formulas, iframes and canvas are skipped',
    html: '<article><p>Chart <svg viewBox="0 0 10 10"><title>Sales</title><text x="0" y="5">42</text></svg> and formula <math><mi>x</mi><mo>=</mo><mn>2</mn></math>.<iframe srcdoc="<p>inner</p>"></iframe><canvas>Fallback</canvas></p></article>',
    text: 'Chart  and formula .',
    unlikeRendering: 'Chromium renders svg and math text; the model leaves drawings and formulas out',
  },
  {
    name: 'ruby annotations count, their fallback parentheses do not',
    html: '<article><p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby></p></article>',
    text: '漢kan字ji',
  },
  {
    name: 'details and summary, closed or not',
    html: '<article><details><summary>More</summary><p>Details text</p></details></article>',
    text: 'More\nDetails text',
    unlikeRendering: 'a closed <details> shows only its summary; the model counts the rest too, open or not',
  },
  {
    name: 'quotation marks drawn by CSS around <q> are not text',
    html: '<article><p>He said <q>no</q>.</p></article>',
    text: 'He said no.',
  },
  {
    name: 'a custom element with a declarative shadow root counts its light DOM only',
    html: '<article><p>Host <my-card><template shadowrootmode="open"><p>Shadow</p></template>light</my-card></p></article>',
    text: 'Host light',
    unlikeRendering: 'the shadow root has no <slot>, so the light DOM text is not shown',
  },
  {
    name: 'the default root is the first article',
    html: '<header>Site</header><main><article><p>First</p></article><article><p>Second</p></article></main>',
    text: 'First',
  },
  {
    name: 'the default root is main when there is no article',
    html: '<header>Site</header><main><p>Main text</p></main><footer>Foot</footer>',
    text: 'Main text',
  },
  {
    name: 'the default root is body when there is neither article nor main',
    html: '<p>Body one</p><p>Body two</p><script>window.fixtureScript = 1;</script>',
    text: 'Body one\nBody two',
  },
  {
    name: 'a root selector by id',
    html: '<main><div id="story"><p>Story</p></div><aside>Ads</aside></main>',
    root: '#story',
    text: 'Story',
  },
  {
    name: 'a root selector by tag and class, inside an attribute selector',
    html: '<article><div class="post entry"><p>Teaser</p></div><div data-body><div class="entry"><p>Body</p></div></div></article>',
    root: '[data-body] div.entry',
    text: 'Body',
  },
  {
    name: 'a root selector that matches nothing falls back to the default',
    html: '<article><p>Default</p></article>',
    root: '.missing',
    text: 'Default',
  },
];
