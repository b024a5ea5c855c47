/** Adds one of the widget's own scripts to the page; resolves once it has run, rejects when it could not load. */
export function addScript(src: string, nonce: string): Promise<unknown> {
  return new Promise((onload, onerror) => {
    // A CSP that allows scripts by nonce allows ours only with the loader's nonce.
    document.head.append(Object.assign(document.createElement('script'), { src, nonce, onload, onerror }));
  });
}
