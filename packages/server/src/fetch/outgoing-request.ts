/**
 * The one road out: every request Errata sends to an address it was given (the recheck's page
 * fetches, webhooks and their chat formats) goes through `outgoingRequest`. The URL is
 * checked, its host resolved once and every address vetted (host-vetting.ts), the connection
 * made to exactly the vetted address (a second DNS answer cannot rebind it; TLS and the Host
 * header still name the host), redirects followed only when the caller allows them, each hop
 * checked and vetted again, and the whole exchange, a slowly read answer included, held to
 * one deadline.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { type Resolve, type ResolvedAddress, vetHost } from './host-vetting.ts';

/** Largest response head: what Node allows by default, stated so a change there cannot raise it. */
export const HEADERS_MAX_BYTES = 16 * 1024;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Why a request got no answer the caller could use, for a person. */
export interface OutgoingFailure {
  ok: false;
  reason: string;
  /** The HTTP status, when a server answered. */
  status: number | null;
  /** True when the guard refused the URL: no request was sent to it. Retrying will not help. */
  refused: boolean;
  /** How long the server asked us to wait (Retry-After), in ms. */
  retryAfterMs: number | null;
  /** The network error's code (ECONNREFUSED, …) when the connection failed. */
  code?: string;
}

export interface OutgoingOptions {
  /** GET unless said; only a GET follows redirects. */
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Sent on the first hop only (a conditional GET's validators). */
  firstHopHeaders?: Record<string, string>;
  body?: string;
  /** The site is marked local: loopback and private addresses may be contacted. */
  local: boolean;
  /**
   * A hop this says yes to may contact loopback and private addresses though `local` is false:
   * the recheck's fetch of Errata's own pages (self-url.ts). Webhooks never pass it.
   */
  localHop?: ((target: URL) => boolean) | undefined;
  /** Longest the whole exchange may take, redirects and reading the answer included. */
  timeoutMs: number;
  /** The failure's reason when the deadline passes or `signal` aborts. */
  lateReason?: string;
  /** Aborts the request from outside (a worker that stops). */
  signal?: AbortSignal | undefined;
  /** Resolves a host name to all its addresses; the system's resolver unless a test says otherwise. */
  resolve?: Resolve | undefined;
  /** The URL to request, or why not; runs on the first URL and on every redirect's. */
  checkUrl?: (url: string, redirected: boolean) => URL | string;
  /** Redirects followed at most; 0 (the default): a 3xx is the answer. */
  redirectsMax?: number;
}

/** What the caller makes of the final answer; it runs within the deadline. */
export type ReadAnswer<T> = (response: IncomingMessage, url: URL) => Promise<T>;

/**
 * Sends one request within the options' guards and hands the final answer to `read`;
 * never throws for anything the network or the server does.
 * @example
 * const sent = await outgoingRequest(hook.url, { method: 'POST', headers, body, local: false, timeoutMs: 10_000 },
 *   async (response) => response.statusCode);
 */
export async function outgoingRequest<T>(
  url: string,
  options: OutgoingOptions,
  read: ReadAnswer<T>,
): Promise<T | OutgoingFailure> {
  const late = () => failure(options.lateReason ?? `no answer within ${duration(options.timeoutMs)}`);
  const controller = new AbortController();
  let expire = () => {};
  // The deadline answers by itself: a stream that ignored the abort cannot hold the caller.
  const deadline = new Promise<OutgoingFailure>((resolve) => {
    expire = () => {
      controller.abort();
      resolve(late());
    };
  });
  const timer = setTimeout(expire, options.timeoutMs);
  if (options.signal?.aborted) expire();
  else options.signal?.addEventListener('abort', expire, { once: true });
  const sent = followHops(url, options, controller.signal, read).catch((error: unknown) =>
    controller.signal.aborted ? late() : networkFailure(error),
  );
  try {
    return await Promise.race([sent, deadline]);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', expire);
    // Whatever the outcome, no connection of this request stays open (an answer half-read
    // when a decoder failed, one the caller did not read).
    controller.abort();
  }
}

async function followHops<T>(
  start: string,
  options: OutgoingOptions,
  signal: AbortSignal,
  read: ReadAnswer<T>,
): Promise<T | OutgoingFailure> {
  const method = options.method ?? 'GET';
  const redirectsMax = method === 'GET' ? (options.redirectsMax ?? 0) : 0;
  const checkUrl = options.checkUrl ?? plainHttpUrl;
  let current = start;
  for (let redirects = 0; ; redirects++) {
    const target = checkUrl(current, redirects > 0);
    if (typeof target === 'string') return refusal(target);
    const vetting = await vetHost(target.hostname, {
      local: options.local || (options.localHop?.(target) ?? false),
      resolve: options.resolve,
      signal,
    });
    if (!vetting.ok) return { ...failure(vetting.reason), refused: vetting.refused };

    const headers = redirects === 0 ? { ...options.headers, ...options.firstHopHeaders } : options.headers;
    const response = await send(target, vetting.address, { method, headers, body: options.body }, signal);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (redirectsMax > 0 && REDIRECT_STATUSES.has(status) && location) {
      response.destroy();
      if (redirects >= redirectsMax) return failure(`more than ${redirectsMax} redirects`, status);
      const next = resolveLocation(location, target);
      if (next === null)
        return refusal(`redirected to ${JSON.stringify(location)}, which is not a valid address`);
      current = next;
      continue;
    }
    return read(response, target);
  }
}

/** The default URL check: http(s) without a user name or password. */
function plainHttpUrl(url: string, redirected: boolean): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${redirected ? `redirected to ${url}` : url} is not a valid address`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `only http and https addresses are contacted, not ${parsed.protocol}`;
  }
  if (parsed.username !== '' || parsed.password !== '') {
    return 'addresses with a user name or password are not contacted';
  }
  return parsed;
}

function resolveLocation(location: string, base: URL): string | null {
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

function send(
  target: URL,
  vetted: ResolvedAddress,
  request: { method: string; headers: Record<string, string>; body: string | undefined },
  signal: AbortSignal,
): Promise<IncomingMessage> {
  // The connection goes to the address vetted above, whatever DNS would answer now.
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [vetted]);
    else callback(null, vetted.address, vetted.family);
  };
  const headers =
    request.body === undefined
      ? request.headers
      : { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) };
  const sendOn = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = sendOn(
      target,
      {
        method: request.method,
        headers,
        lookup,
        signal,
        agent: false,
        maxHeaderSize: HEADERS_MAX_BYTES,
      },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** Content-Encodings `readBody` unpacks (what a fetch may offer in Accept-Encoding). */
export const READ_ENCODINGS = new Set(['identity', '', 'gzip', 'x-gzip', 'deflate', 'br']);

/** The decoded body, or null when it grows past `maxBytes` (counted after decompression). */
export async function readBody(
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

function networkFailure(error: unknown): OutgoingFailure {
  const code = (error as NodeJS.ErrnoException).code;
  return { ...failure(networkReason(error)), ...(code ? { code } : {}) };
}

function networkReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the server refused the connection';
    case 'ECONNRESET':
      return 'the server closed the connection';
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
  // Any other system error on the way (EHOSTUNREACH, ENETUNREACH, EPIPE, …).
  if (code && /^E[A-Z]+$/.test(code)) return `could not connect (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** "400 ms", "10 s". */
export function duration(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

export function refusal(reason: string): OutgoingFailure {
  return { ok: false, reason, status: null, refused: true, retryAfterMs: null };
}

export function failure(reason: string, status: number | null = null): OutgoingFailure {
  return { ok: false, reason, status, refused: false, retryAfterMs: null };
}
