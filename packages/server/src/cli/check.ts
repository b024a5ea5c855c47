/**
 * `errata check FILE|URL [--lang en] [--format text|json]`: proofreads one text the way the
 * server would (an HTML page through the same article root and text model as a report's
 * position) and prints the findings the product would turn into errata. Scripts depend on
 * the JSON's shape and on the exit codes: 0 when it ran, whatever it found; 2 when the input
 * could not be read or an option is wrong.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { check, type Finding, PRODUCT_CONFIDENCE_THRESHOLD, SUPPORTED_LANGUAGES } from '@errata/proofreader';
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import { pageText } from '../domain/page-text.ts';
import { safeFetch } from '../fetch/safe-fetch.ts';

/** Exit code of a check that could not run: unreadable input or a wrong option (a fault of the proofreader itself exits 1). */
export const CHECK_FAILED = 2;
/** The language checked when neither --lang nor the page's `<html lang>` names one. */
const DEFAULT_LANG = 'en';
const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** A check that cannot run, for one line on stderr. */
class CheckInputError extends Error {}

/** The text to check, and the language its source declared (an HTML page's `<html lang>`). */
interface Checked {
  text: string;
  declaredLang: string | null;
}

/** Runs `errata check` with the arguments after "check"; returns the exit code. */
export async function checkCommand(args: string[]): Promise<number> {
  try {
    const { input, lang, format } = readOptions(args);
    const source = await readInput(input);
    // A page in a language without a dictionary still gets the language-independent rules.
    const language = lang ?? source.declaredLang ?? DEFAULT_LANG;
    const findings = (await check(source.text, { lang: language })).filter(
      (finding) => finding.confidence >= PRODUCT_CONFIDENCE_THRESHOLD,
    );
    process.stdout.write(
      format === 'json' ? `${findingsJson(findings)}\n` : findingsText(source.text, findings),
    );
    return 0;
  } catch (error) {
    // Anything else is a fault of the proofreader, not of the input: main prints it, exit 1.
    if (!(error instanceof CheckInputError)) throw error;
    process.stderr.write(`errata check: ${error.message}\n`);
    return CHECK_FAILED;
  }
}

function readOptions(args: string[]): { input: string; lang: string | undefined; format: Format } {
  let parsed: ReturnType<typeof parseCheckArgs>;
  try {
    parsed = parseCheckArgs(args);
  } catch (error) {
    throw new CheckInputError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [input] = positionals;
  if (!input || positionals.length > 1) {
    throw new CheckInputError('needs one file or URL, e.g. errata check article.html --format json');
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new CheckInputError(`--format must be text or json, not "${format}"`);
  }
  if (values.lang !== undefined && !isSupported(values.lang)) {
    throw new CheckInputError(
      `--lang "${values.lang}" is not one of the proofreader's languages (${SUPPORTED_LANGUAGES.join(', ')})`,
    );
  }
  return { input, lang: values.lang, format: format as Format };
}

function parseCheckArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: 'string' }, format: { type: 'string' } },
  });
}

/** Whether a BCP 47 tag's primary subtag ("en" of "en-GB") is a language the proofreader has. */
function isSupported(lang: string): boolean {
  const primary = /^([a-z]{2,3})(?:-[a-z0-9]{1,8})*$/i.exec(lang)?.[1]?.toLowerCase();
  return primary !== undefined && (SUPPORTED_LANGUAGES as readonly string[]).includes(primary);
}

async function readInput(input: string): Promise<Checked> {
  if (/^https?:\/\//i.test(input)) return htmlText(await fetchPage(input));
  let contents: string;
  try {
    contents = await readFile(input, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new CheckInputError(`cannot read ${input}: ${why}`);
  }
  // An HTML file is read as the server reads the page; any other file is its own text.
  return /\.x?html?$/i.test(input) ? htmlText(contents) : { text: contents, declaredLang: null };
}

async function fetchPage(url: string): Promise<string> {
  let origins: string[];
  try {
    origins = sameSiteOrigins(new URL(url));
  } catch {
    throw new CheckInputError(`${url} is not a valid address`);
  }
  // The operator runs this on their own machine and names the page themselves, so loopback and
  // private addresses (a staging copy, a page on localhost) may be fetched: `local`, as a site
  // marked local is in the recheck. The server's other guards (size, time, HTML only) still hold.
  const page = await safeFetch(url, { allowedOrigins: origins, local: true, userAgent: 'Errata-Check/1' });
  if (!page.ok) throw new CheckInputError(`cannot read ${url}: ${page.reason}`);
  return page.body;
}

/** The URL's origin and its http/https and www/bare twins: the redirects a site commonly makes. */
function sameSiteOrigins(url: URL): string[] {
  const { host, hostname } = url;
  const named = /[a-z]/i.test(hostname) && hostname.includes('.') && !hostname.includes(':');
  const hosts = named ? [host, host.startsWith('www.') ? host.slice(4) : `www.${host}`] : [host];
  return hosts.flatMap((h) => [`http://${h}`, `https://${h}`]).map((origin) => new URL(origin).origin);
}

function htmlText(html: string): Checked {
  return { text: pageText(html, null).text, declaredLang: documentLang(html) };
}

/** The `lang` of the page's `<html>` element, when it has a non-empty one. */
function documentLang(html: string): string | null {
  const root = parse(html).childNodes.find(
    (node): node is DefaultTreeAdapterTypes.Element => node.nodeName === 'html',
  );
  const lang = root?.attrs.find((attribute) => attribute.name === 'lang')?.value.trim();
  return lang || null;
}

/** `{"findings":[…]}` on one line, each finding with exactly the keys scripts read, in order. */
export function findingsJson(findings: readonly Finding[]): string {
  return JSON.stringify({
    findings: findings.map(({ start, end, text, rule, message, suggestions }) => ({
      start,
      end,
      text,
      rule,
      message,
      suggestions,
    })),
  });
}

/**
 * One line per finding, `line:column rule message → suggestions`, and a count. Lines and columns
 * count from 1; a column counts UTF-16 code units, as the JSON's offsets do.
 */
export function findingsText(text: string, findings: readonly Finding[]): string {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lines = findings.map((finding) => {
    let line = lineStarts.length - 1;
    while (line > 0 && (lineStarts[line] as number) > finding.start) line--;
    const column = finding.start - (lineStarts[line] as number) + 1;
    const suggestions = finding.suggestions.length ? ` → ${finding.suggestions.join(', ')}` : '';
    return `${line + 1}:${column} ${finding.rule} ${finding.message}${suggestions}\n`;
  });
  const count = findings.length === 1 ? '1 finding' : `${findings.length || 'no'} findings`;
  return `${lines.join('')}${count}\n`;
}
