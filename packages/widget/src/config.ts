/** The embed's settings, read once from its `<script>` tag. */
export interface WidgetConfig {
  /** The site's public key (`data-site`). */
  site: string;
  /** CSS selector of the article root (`data-root`), or null to use the nearest `article`, `main` or `body`. */
  root: string | null;
  /** The reader-facing language tag (`data-lang`), or null to use the page's. */
  lang: string | null;
  /** Base URL of the Errata server without a trailing slash (`data-endpoint`, else the origin of the script). */
  endpoint: string;
}

/**
 * Reads the data attributes of the widget's own script tag. Returns null (after saying why
 * in the console) when the tag lacks what the widget needs, so a broken embed stays inert.
 * @example readConfig(document.currentScript) // { site: 'PUBLIC_SITE_KEY', root: null, lang: null, endpoint: 'https://errata.example.org' }
 */
export function readConfig(script: HTMLOrSVGScriptElement | null): WidgetConfig | null {
  const data = script instanceof HTMLScriptElement ? script.dataset : {};
  const site = data.site?.trim();
  let endpoint: string;
  try {
    // A relative data-endpoint is resolved against the page, as a link would be.
    endpoint = data.endpoint
      ? new URL(data.endpoint, location.href).href
      : new URL((script as HTMLScriptElement).src).origin;
  } catch {
    endpoint = '';
  }
  if (!site || !endpoint) {
    console.warn('Errata widget off: its script tag needs data-site and a src or data-endpoint.');
    return null;
  }
  return {
    site,
    root: data.root?.trim() || null,
    lang: data.lang?.trim() || null,
    endpoint: endpoint.replace(/\/+$/, ''),
  };
}
