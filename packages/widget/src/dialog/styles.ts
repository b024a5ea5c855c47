/**
 * The widget's look, one sheet for its three surfaces: the dialog, the button beside a
 * selection (.pill) and the hint (.toast). Everything lives in shadow roots, so the page's
 * CSS cannot reach in and ours cannot leak out; sizes are in px because rem would follow the
 * page's root font. Each surface sets its own font: the host's is reset to the initial one.
 * Colours meet WCAG AA contrast in both schemes (the axe-core test checks). The dialog
 * fades in unless the reader asks for reduced motion; every button is at least 44 px high, a touch target.
 */
// The controls are styled as what follows a label (label+*). Custom properties, on the host (its inline
// `all: initial` leaves custom properties alone, and they inherit into the shadow tree): --b background, --f text, --m muted text, --l lines, --a accent, --o text on
// accent, --k the quote's highlight, --e errors.
const css = `\
*{box-sizing:border-box}\
:host{--b:#fff;--f:#1c1b1f;--m:#5e5e66;--l:#8e8e99;--a:#0b57d0;--o:#fff;--k:#ffe36e;--e:#b3261e}\
dialog,.pill,.toast{color-scheme:light dark;background:var(--b);color:var(--f);font:16px/1.45 system-ui,sans-serif;overflow-wrap:anywhere}\
@media (prefers-color-scheme:dark){:host{--b:#202124;--f:#e8e8ed;--m:#b4b4bf;--l:#80808c;--a:#a8c7fa;--o:#062e6f;\
--k:#6b5300;--e:#f2b8b5}}\
@media (prefers-reduced-motion:no-preference){dialog{animation:in .2s}}\
@keyframes in{from{opacity:0}}\
dialog{width:440px;max-width:calc(100vw - 24px);max-height:calc(100vh - 24px);padding:20px;border:1px solid var(--l);\
border-radius:12px}\
h2{margin:0 0 12px;font-size:20px}\
blockquote{margin:0 0 16px;padding:8px 12px;max-height:150px;overflow:auto;border-inline-start:3px solid var(--a);color:var(--m)}\
mark{background:var(--k);color:var(--f)}\
label{display:block;margin-bottom:4px;font-size:14px;font-weight:600}\
label+*,button{border:1px solid var(--l);border-radius:8px;background:none;color:inherit;font:inherit}\
label+*{display:block;width:100%;margin-bottom:12px;padding:8px}\
p{margin:0}\
[name=website]{position:fixed;left:-9e3px}\
.error{color:var(--e)}\
.actions{display:flex;flex-wrap:wrap;justify-content:end;gap:8px;margin-top:12px}\
button{min-width:96px;min-height:44px;padding:8px 18px;font-weight:600}\
[type=submit],.pill{border-color:var(--a);background:var(--a);color:var(--o)}\
:disabled{opacity:.6}\
:focus-visible{outline:2px solid var(--a);outline-offset:2px}\
.pill{padding:6px 14px;border-radius:18px;font-size:14px;white-space:nowrap}\
.toast{padding:10px 16px;border-radius:12px;background:var(--f);color:var(--b);font-size:14px}`;

let sheet: CSSStyleSheet | undefined;

/**
 * Styles a shadow root. A constructed stylesheet is not inline style, so a page whose
 * Content-Security-Policy forbids 'unsafe-inline' styles still shows the widget styled
 * (every browser since 2023 constructs stylesheets; older ones show it unstyled).
 */
export function adoptStyles(shadow: ShadowRoot): void {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  shadow.adoptedStyleSheets = [sheet];
}
