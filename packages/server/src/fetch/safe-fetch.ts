/**
 * Fetches one page of a site for the recheck, guarded against server-side request forgery:
 * only http(s) URLs of the site's origins, every hop's host resolved once and refused when
 * any of its addresses is not public (address-policy.ts), the connection made to exactly
 * the address that was checked (a second DNS answer cannot rebind it), redirects followed
 * by hand and checked again, and limits on size and total time, slow bodies included.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { addressRefusal } from './address-policy.ts';

/** Largest page read: articles are far smaller; anything bigger is refused rather than parsed. */
export const PAGE_MAX_BYTES = 2 * 1024 * 1024;
/** Longest a fetch may take, redirects and a slowly dripping body included. */
export const FETCH_TIMEOUT_MS = 10_000;
/** Redirects followed at most: a page is rarely more than two away; a longer chain is a loop or a trap. */
export const REDIRECTS_MAX = 5;
/** Largest response head: what Node allows by default, stated so a change there cannot raise it. */
export const HEADERS_MAX_BYTES = 16 * 1024;
/** Longest Retry-After honoured: a day. A longer one is read as a day. */
const RETRY_AFTER_MAX_MS = 24 * 60 * 60 * 1000;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface SafeFetchOptions {
  /** Origins the page and every redirect must be on ("https://news.example.org"). */
  allowedOrigins: readonly string[];
  /** The site is marked local: loopback and private addresses may be fetched. */
  local: boolean;
  /** Validators of the last fetch of this URL, for a conditional GET. */
  validators?: { etag: string | null; lastModified: string | null };
  maxBytes?: number;
  timeoutMs?: number;
  /** Sent as User-Agent, so a site's operators can tell who reads their pages. */
  userAgent?: string;
  /** Resolves a host name to all its addresses; dns.lookup unless a test says otherwise. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
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
export interface FetchFailure {
  ok: false;
  reason: string;
  /** The HTTP status, when a server answered. */
  status: number | null;
  /** True when the guard refused the URL: no request was sent to it. Retrying will not help. */
  refused: boolean;
  /** How long the server asked us to wait (Retry-After), in ms. */
  retryAfterMs: number | null;
}

export type FetchOutcome = FetchedPage | FetchFailure;

/** Fetches `url` within the options' limits; never throws for anything the network or the page does. */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const late = () => failure(`the page did not arrive within ${seconds(timeoutMs)}`);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // The deadline answers by itself: a stream that ignored the abort cannot hold the caller.
  const deadline = new Promise<FetchFailure>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(late());
    }, timeoutMs);
  });
  const fetched = fetchFollowingRedirects(url, options, controller.signal).catch((error: unknown) =>
    controller.signal.aborted ? late() : failure(networkReason(error)),
  );
  try {
    return await Promise.race([fetched, deadline]);
  } finally {
    clearTimeout(timer);
    // Whatever the outcome, no connection of this fetch stays open (a body half-read when a
    // decoder failed, a response left unread).
    controller.abort();
  }
}

async function fetchFollowingRedirects(
  start: string,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<FetchOutcome> {
  const maxBytes = options.maxBytes ?? PAGE_MAX_BYTES;
  let current = start;
  for (let redirects = 0; ; redirects++) {
    const target = checkUrl(current, options.allowedOrigins, redirects > 0);
    if (typeof target === 'string') return refusal(target);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const vetted = await vetHost(host, options, signal);
    if (typeof vetted === 'string') return refusal(vetted);

    const response = await send(target, vetted, options, redirects === 0, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location) {
      response.destroy();
      if (redirects >= REDIRECTS_MAX) return failure(`more than ${REDIRECTS_MAX} redirects`, status);
      const next = resolveLocation(location, target);
      if (next === null)
        return refusal(`redirected to ${JSON.stringify(location)}, which is not a valid address`);
      current = next;
      continue;
    }
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
        ok: false,
        reason: `HTTP ${status}`,
        status,
        refused: false,
        retryAfterMs: retryAfterMs(response.headers['retry-after']),
      };
    }
    const type = response.headers['content-type'] ?? '';
    if (type && !/^\s*(text\/html|application\/xhtml\+xml)\b/i.test(type)) {
      response.destroy();
      return failure(`the page is ${type.split(';')[0]?.trim()}, not HTML`, status);
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

function resolveLocation(location: string, base: URL): string | null {
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

/** The one address to connect to, or why not: every address of the host must be allowed. */
async function vetHost(
  host: string,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<{ address: string; family: number } | string> {
  if (isIP(host)) {
    return addressRefusal(host, host, options.local) ?? { address: host, family: isIP(host) };
  }
  const resolve = options.resolve ?? ((name: string) => dnsLookup(name, { all: true, verbatim: true }));
  let addresses: { address: string; family: number }[];
  try {
    addresses = await untilAborted(resolve(host), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    return `${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? 'DNS error'})`;
  }
  if (addresses.length === 0) return `${host} could not be resolved`;
  // Refuse when any address is not allowed: which one a client picks is not ours to predict.
  for (const { address } of addresses) {
    const refused = addressRefusal(host, address, options.local);
    if (refused) return refused;
  }
  return addresses[0] as { address: string; family: number };
}

function send(
  target: URL,
  vetted: { address: string; family: number },
  options: SafeFetchOptions,
  firstHop: boolean,
  signal: AbortSignal,
): Promise<IncomingMessage> {
  // The connection goes to the address checked above, whatever DNS would answer now.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [vetted]);
    else callback(null, vetted.address, vetted.family);
  };
  const headers: Record<string, string> = {
    accept: 'text/html,application/xhtml+xml;q=0.9',
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': options.userAgent ?? 'Errata-Recheck/1',
  };
  if (firstHop && options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (firstHop && options.validators?.lastModified) {
    headers['if-modified-since'] = options.validators.lastModified;
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      { method: 'GET', headers, lookup, signal, agent: false, maxHeaderSize: HEADERS_MAX_BYTES },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** Content-Encodings a page may arrive in (what Accept-Encoding offers). */
const READ_ENCODINGS = new Set(['identity', '', 'gzip', 'x-gzip', 'deflate', 'br']);

/** The decoded body, or null when it grows past `maxBytes` (counted after decompression). */
async function readBody(
  response: IncomingMessage,
  encoding: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : null;
  const stream: Readable = decoder ? response.pipe(decoder) : response;
  if (decoder) response.on('error', (error) => decoder.destroy(error));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      response.destroy();
      decoder?.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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

function networkReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the server refused the connection';
    case 'ECONNRESET':
      return 'the server closed the connection';
    case 'ENOTFOUND':
      return 'the host could not be resolved';
    case 'ETIMEDOUT':
      return 'the connection timed out';
    case 'HPE_HEADER_OVERFLOW':
      return `the server sent headers larger than ${HEADERS_MAX_BYTES / 1024} KB`;
    case 'Z_DATA_ERROR':
    case 'ERR_BROTLI_DECOMPRESSION_FAILED':
      return 'the page is not validly compressed';
  }
  if (code?.startsWith('CERT_') || code?.includes('CERT') || code?.startsWith('ERR_TLS')) {
    return `the TLS certificate was not accepted (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return typeof value === 'string' && value ? value : null;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function tooLarge(maxBytes: number): string {
  return `page larger than ${maxBytes >= 1024 * 1024 ? `${maxBytes / (1024 * 1024)} MB` : `${Math.round(maxBytes / 1024)} KB`}`;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

function refusal(reason: string): FetchFailure {
  return { ok: false, reason, status: null, refused: true, retryAfterMs: null };
}

function failure(reason: string, status: number | null = null): FetchFailure {
  return { ok: false, reason, status, refused: false, retryAfterMs: null };
}
