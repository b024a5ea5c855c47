/**
 * A small well-formedness check for the XML Errata writes (feeds): one root element, tags
 * balanced, attributes quoted, and every `&` and `<` in text and attributes escaped. Not a
 * full XML parser (no DTDs, CDATA or comments: Errata writes none); enough to catch a
 * broken escape. Returns the problems found, or an empty list.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  for (const forbidden of xml.matchAll(NOT_XML_CHARACTERS)) {
    problems.push(
      `a character XML 1.0 forbids (U+${forbidden[0].codePointAt(0)?.toString(16).padStart(4, '0')}) at ${forbidden.index}`,
    );
  }
  const open: string[] = [];
  let roots = 0;
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<\/?([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|<|[^<]+/gy;
  for (const match of body.matchAll(token)) {
    const [whole, name, attributes, selfClosing] = match;
    if (whole === '<') {
      problems.push(`an unescaped "<" or a malformed tag at ${match.index}`);
      continue;
    }
    if (name === undefined) {
      checkEntities(whole, match.index, problems);
      if (open.length === 0 && whole.trim() !== '') problems.push(`text outside the root at ${match.index}`);
      continue;
    }
    checkEntities(attributes ?? '', match.index, problems);
    if (whole.startsWith('</')) {
      const expected = open.pop();
      if (expected !== name) problems.push(`</${name}> closes <${expected ?? 'nothing'}>`);
    } else if (selfClosing) {
      if (open.length === 0) roots++;
    } else {
      if (open.length === 0) roots++;
      open.push(name);
    }
  }
  if (open.length > 0) problems.push(`unclosed <${open.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const NOT_XML_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function checkEntities(text: string, at: number, problems: string[]): void {
  for (const amp of text.matchAll(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g)) {
    problems.push(`an unescaped "&" at ${at + amp.index}`);
  }
}
