/**
 * The dialog's look. Everything lives in the shadow root, so the page's CSS cannot reach in
 * and ours cannot leak out; sizes are in px because rem would follow the page's root font.
 */
const css = `
:host{all:initial}
*{box-sizing:border-box}
[hidden]{display:none!important}
dialog{--bg:#fff;--fg:#1c1b1f;--muted:#5e5e66;--line:#c4c4cc;--accent:#0b57d0;--on-accent:#fff;--mark:#ffe36e;--error:#b3261e;
color-scheme:light dark;position:fixed;inset:0;z-index:2147483647;width:440px;max-width:calc(100vw - 24px);height:fit-content;
max-height:calc(100vh - 24px);margin:auto;padding:20px;overflow:auto;border:1px solid var(--line);border-radius:12px;
background:var(--bg);color:var(--fg);box-shadow:0 12px 40px rgba(0,0,0,.35);
font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;text-align:start;overflow-wrap:anywhere}
@media (prefers-color-scheme:dark){dialog{--bg:#202124;--fg:#e8e8ed;--muted:#a8a8b3;--line:#4c4c55;--accent:#a8c7fa;
--on-accent:#062e6f;--mark:#6b5300;--error:#f2b8b5}}
dialog::backdrop{background:rgba(0,0,0,.45)}
h2{margin:0 0 12px;font-size:20px;line-height:1.3;font-weight:600}
blockquote{margin:0 0 16px;padding:8px 12px;max-height:150px;overflow:auto;border-inline-start:3px solid var(--accent);color:var(--muted)}
mark{padding:0 2px;border-radius:3px;background:var(--mark);color:var(--fg)}
label{display:block;margin:0 0 4px;font-size:14px;font-weight:600}
textarea{display:block;width:100%;margin:0 0 12px;padding:8px 10px;border:1px solid var(--line);border-radius:8px;
background:var(--bg);color:var(--fg);font:inherit;resize:vertical}
::placeholder{color:var(--muted)}
[role=status]{margin:0 0 12px;font-size:15px}
[role=status]:empty{margin:0}
.error{color:var(--error)}
.actions{display:flex;flex-wrap:wrap;justify-content:flex-end;gap:8px}
button{min-width:96px;padding:9px 18px;border:1px solid var(--line);border-radius:8px;background:none;color:var(--fg);
font:inherit;font-weight:600;cursor:pointer}
[type=submit]{border-color:var(--accent);background:var(--accent);color:var(--on-accent)}
button:disabled{opacity:.6;cursor:default}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
@media (max-width:480px){dialog{padding:16px}button{flex:1}}
`;

let sheet: CSSStyleSheet | undefined;

/**
 * Styles a shadow root. A constructed stylesheet is not inline style, so a page whose
 * Content-Security-Policy forbids 'unsafe-inline' styles still shows the dialog styled;
 * browsers without constructable stylesheets get a <style> element instead.
 */
export function adoptStyles(shadow: ShadowRoot): void {
  try {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    const style = document.createElement('style');
    style.textContent = css;
    shadow.append(style);
  }
}
