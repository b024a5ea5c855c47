/**
 * Fetches one page of a site for the recheck: only http(s) URLs of the site's origins, the
 * request sent through the one guarded road out (outgoing-request.ts: every hop's host
 * resolved once and refused when any of its addresses is not public, the connection pinned to
 * the vetted address, redirects followed by hand and checked again), HTML only, and limits on
 * size and total time, slow bodies included.
 */
import type { IncomingMessage } from 'node:http';
import type { Resolve } from './host-vetting.ts';
import {
  duration,
  failure,
  type OutgoingFailure,
  outgoingRequest,
  READ_ENCODINGS,
  readBody,
} from './outgoing-request.ts';
import { isSelfUrl } from './self-url.ts';

/** Largest page read: articles are far smaller; anything bigger is refused rather than parsed. */
export const PAGE_MAX_BYTES = 2 * 1024 * 1024;
/** Longest a fetch may take, redirects and a slowly dripping body included. */
export const FETCH_TIMEOUT_MS = 10_000;
/** Redirects followed at most: a page is rarely more than two away; a longer chain is a loop or a trap. */
export const REDIRECTS_MAX = 5;
/** Longest Retry-After honoured: a day. A longer one is read as a day. */
const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

export interface SafeFetchOptions {
  /** Origins the page and every redirect must be on ("https://news.example.org"). */
  allowedOrigins: readonly string[];
  /** The site is marked local: loopback and private addresses may be fetched. */
  local: boolean;
  /**
   * The server's public URL: a page under it (Errata's own, the demo newsroom) may be fetched on
   * loopback and private addresses though the site is not local (self-url.ts).
   */
  selfUrl?: string;
  /** Validators of the last fetch of this URL, for a conditional GET. */
  validators?: { etag: string | null; lastModified: string | null };
  maxBytes?: number;
  timeoutMs?: number;
  /** Sent as User-Agent, so a site's operators can tell who reads their pages. */
  userAgent?: string;
  /** Resolves a host name to all its addresses; dns.lookup unless a test says otherwise. */
  resolve?: Resolve;
  /** What is read: an HTML page (the default), or an XML document such as a sitemap. */
  accept?: 'html' | 'xml';
}

/** A page that arrived, or 304: unchanged since the validators were given. */
export interface FetchedPage {
  ok: true;
  notModified: boolean;
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  /** The decoded HTML; empty when not modified. */
  body: string;
  etag: string | null;
  lastModified: string | null;
}

/** Why no page arrived, for a person ("HTTP 404", "page larger than 2 MB", …). */
export type FetchFailure = OutgoingFailure;

export type FetchOutcome = FetchedPage | FetchFailure;

/** Fetches `url` within the options' limits; never throws for anything the network or the page does. */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? PAGE_MAX_BYTES;
  const { selfUrl } = options;
  const conditional: Record<string, string> = {};
  if (options.validators?.etag) conditional['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) conditional['if-modified-since'] = options.validators.lastModified;
  return outgoingRequest(
    url,
    {
      headers: {
        accept:
          options.accept === 'xml'
            ? 'application/xml,text/xml;q=0.9'
            : 'text/html,application/xhtml+xml;q=0.9',
        'accept-encoding': 'gzip, deflate, br',
        'user-agent': options.userAgent ?? 'Errata-Recheck/1',
      },
      firstHopHeaders: conditional,
      local: options.local,
      localHop: selfUrl === undefined ? undefined : (target) => isSelfUrl(target, selfUrl),
      timeoutMs,
      lateReason: `the page did not arrive within ${duration(timeoutMs)}`,
      resolve: options.resolve,
      checkUrl: (next, redirected) => checkUrl(next, options.allowedOrigins, redirected),
      redirectsMax: REDIRECTS_MAX,
    },
    (response, target) =>
      readPage(response, target, maxBytes, options.accept === 'xml' ? XML_TYPE : HTML_TYPE),
  );
}

/** The page in the final answer, or why it is not one. */
async function readPage(
  response: IncomingMessage,
  target: URL,
  maxBytes: number,
  accepted: { pattern: RegExp; name: string },
): Promise<FetchOutcome> {
  const status = response.statusCode ?? 0;
  if (status === 304) {
    response.destroy();
    return {
      ok: true,
      notModified: true,
      url: target.href,
      status,
      body: '',
      etag: null,
      lastModified: null,
    };
  }
  if (status < 200 || status >= 300) {
    response.destroy();
    return {
      ...failure(`HTTP ${status}`, status),
      retryAfterMs: retryAfterMs(response.headers['retry-after']),
    };
  }
  const type = response.headers['content-type'] ?? '';
  if (type && !accepted.pattern.test(type)) {
    response.destroy();
    return failure(`the page is ${type.split(';')[0]?.trim()}, not ${accepted.name}`, status);
  }
  const declared = Number(response.headers['content-length'] ?? Number.NaN);
  if (declared > maxBytes) {
    response.destroy();
    return failure(tooLarge(maxBytes), status);
  }
  const encoding = (response.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (!READ_ENCODINGS.has(encoding)) {
    response.destroy();
    return failure(`the page is compressed as ${encoding}, which is not read`, status);
  }
  const bytes = await readBody(response, encoding, maxBytes);
  if (bytes === null) return failure(tooLarge(maxBytes), status);
  return {
    ok: true,
    notModified: false,
    url: target.href,
    status,
    body: decode(bytes, type),
    etag: header(response, 'etag'),
    lastModified: header(response, 'last-modified'),
  };
}

/** The URL to fetch, or why not: only http(s) on one of the site's origins. */
function checkUrl(url: string, allowedOrigins: readonly string[], redirected: boolean): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${redirected ? `redirected to ${url}` : url} is not a valid address`;
  }
  const credentials = parsed.username !== '' || parsed.password !== '';
  // Reasons are shown to editors and kept: they name the address without its credentials.
  parsed.username = '';
  parsed.password = '';
  const where = redirected ? `redirected to ${parsed.href}` : parsed.href;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `${where}: only http and https pages are fetched, not ${parsed.protocol}`;
  }
  if (credentials) return `${where}: addresses with a user name or password are not fetched`;
  if (!allowedOrigins.includes(parsed.origin)) {
    return `${where}: ${parsed.origin} is not one of the site's origins`;
  }
  parsed.hash = '';
  return parsed;
}

/**
 * The body as text in the charset the server named, else the one a `<meta>` in the first
 * 1024 bytes names (as browsers look for it), else UTF-8; an unknown label reads as UTF-8.
 */
function decode(bytes: Buffer, contentType: string): string {
  const charset =
    CHARSET_PARAM.exec(contentType)?.[1] ??
    META_CHARSET.exec(bytes.subarray(0, 1024).toString('latin1'))?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

const HTML_TYPE = { pattern: /^\s*(text\/html|application\/xhtml\+xml)\b/i, name: 'HTML' };
const XML_TYPE = { pattern: /^\s*(text|application)\/([\w.-]+\+)?xml\b/i, name: 'XML' };

const CHARSET_PARAM = /charset\s*=\s*["']?([^"';\s>]+)/i;
const META_CHARSET = /<meta[^>]+charset\s*=\s*["']?([^"';\s/>]+)/i;

/** Retry-After in ms (seconds or an HTTP date), at most a day; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  const ms = /^\d+$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - now;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), RETRY_AFTER_MAX_MS);
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return typeof value === 'string' && value ? value : null;
}

function tooLarge(maxBytes: number): string {
  return `page larger than ${maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`}`;
}
