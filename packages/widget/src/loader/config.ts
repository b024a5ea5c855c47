/** The embed's settings, read from its `<script>` tag on first use. */
export interface WidgetConfig {
  /** The site's public key (`data-site`). */
  site: string;
  /** CSS selector of the article root (`data-root`), or null to use the nearest `article`, `main` or `body`. */
  root: string | null;
  /** The page's language tag (`data-lang`), or null to use `<html lang>`, else the browser's. */
  lang: string | null;
  /** Base URL of the Errata server without a trailing slash (`data-endpoint`, else the origin of the script). */
  endpoint: string;
  /** `data-button`: 'auto' (the widget's button beside a selection), 'off', or a CSS selector of the site's own button. */
  button: string;
  /** Where the widget's other files are: `<origin of the script>/widget/`. */
  files: string;
  /** `data-reader-email="on"`: the dialog offers an optional e-mail field for one thank-you once the mistake is fixed. */
  readerEmail: boolean;
  /** The script tag's nonce, given to the scripts the loader adds (a CSP may allow scripts by nonce only). */
  nonce: string;
}

/**
 * Reads the data attributes of the widget's own script tag. Returns null (after saying why
 * in the console) when the tag lacks what the widget needs, so a broken embed stays inert.
 * @example readConfig(document.currentScript) // { site: 'PUBLIC_SITE_KEY', root: null, …, endpoint: 'https://errata.example.org' }
 */
export function readConfig(script: HTMLScriptElement): WidgetConfig | null {
  const data = script.dataset;
  const site = data.site?.trim();
  try {
    const origin = new URL(script.src).origin;
    if (site) {
      return {
        site,
        root: data.root?.trim() || null,
        lang: data.lang?.trim() || null,
        // A relative data-endpoint is resolved against the page, as a link would be.
        endpoint: (data.endpoint ? new URL(data.endpoint, location.href).href : origin).replace(/\/+$/, ''),
        button: data.button?.trim() || 'auto',
        readerEmail: data.readerEmail === 'on',
        // The parts loaded on demand come from where the loader came from, as the server serves them.
        files: `${origin}/widget/`,
        nonce: script.nonce || '',
      };
    }
  } catch {}
  console.warn('Errata widget off: no data-site.');
  return null;
}
