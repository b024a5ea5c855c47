/**
 * Resolves a host once and vets every address it has (address-policy.ts): what an outgoing
 * request connects to (outgoing-request.ts), and what a webhook URL is checked with when an
 * owner saves it.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { addressRefusal, dnsName, nameRefusal } from './address-policy.ts';

/** One address of a host, as dns.lookup gives it. */
export interface ResolvedAddress {
  address: string;
  /** 4 or 6. */
  family: number;
}

/** Resolves a host name to all its addresses. */
export type Resolve = (host: string) => Promise<ResolvedAddress[]>;

/** What the operating system answers (hosts file, then DNS), every address, in its order. */
export const systemResolve: Resolve = (host) => lookup(host, { all: true, verbatim: true });

/**
 * Longest wait for a host's addresses. The system's resolver may try for much longer (its
 * timeout times its attempts per server), and a DNS server that never answers must not hold an
 * owner's save of a webhook, or a delivery's turn, open that long.
 */
export const LOOKUP_TIMEOUT_MS = 5_000;

/** The one address to connect to, or why there is none. */
export type Vetting =
  | { ok: true; address: ResolvedAddress }
  | {
      ok: false;
      /** For a person: "localhost. is a loopback name: …", "the host x.example does not resolve". */
      reason: string;
      /** The policy refused the host: asking again will not help. False when DNS did not answer. */
      refused: boolean;
      /** DNS gave no answer within the lookup's timeout (LOOKUP_TIMEOUT_MS): asking later may help. */
      timedOut?: true;
    };

/** DNS answers that say the name has no address, as opposed to "could not ask just now". */
const NO_SUCH_NAME = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA', 'NXDOMAIN']);

/**
 * Resolves `host` (a URL's hostname, IPv6 in brackets or not) and vets every address: one the
 * policy refuses refuses the host, since which one a client picks is not ours to predict.
 */
export async function vetHost(
  host: string,
  options: {
    local: boolean;
    resolve?: Resolve | undefined;
    signal?: AbortSignal | undefined;
    /** The lookup's own timeout in ms; LOOKUP_TIMEOUT_MS unless a test says otherwise. */
    timeoutMs?: number | undefined;
  },
): Promise<Vetting> {
  const bare = host.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family !== 0) {
    const refused = addressRefusal(bare, bare, options.local);
    return refused
      ? { ok: false, reason: refused, refused: true }
      : { ok: true, address: { address: bare, family } };
  }
  const byName = nameRefusal(bare, options.local);
  if (byName) return { ok: false, reason: byName, refused: true };
  let addresses: ResolvedAddress[];
  const timeoutMs = options.timeoutMs ?? LOOKUP_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
  });
  try {
    const resolving = (options.resolve ?? systemResolve)(dnsName(bare));
    const answer = await Promise.race([
      options.signal ? untilAborted(resolving, options.signal) : resolving,
      timeout,
    ]);
    if (answer === TIMED_OUT) {
      // The lookup is left to end by itself: dns.lookup cannot be cancelled, and its answer is ignored.
      resolving.catch(() => {});
      const reason = `the host ${bare} could not be resolved in time (its DNS servers gave no answer within ${seconds(timeoutMs)})`;
      return { ok: false, reason, refused: false, timedOut: true };
    }
    addresses = answer;
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'DNS error';
    const reason = NO_SUCH_NAME.has(code)
      ? `the host ${bare} does not resolve`
      : `the host ${bare} could not be looked up just now (${code})`;
    return { ok: false, reason, refused: false };
  } finally {
    clearTimeout(timer);
  }
  const [first] = addresses;
  if (!first) return { ok: false, reason: `the host ${bare} does not resolve`, refused: false };
  for (const { address } of addresses) {
    const refused = addressRefusal(bare, address, options.local);
    if (refused) return { ok: false, reason: refused, refused: true };
  }
  return { ok: true, address: first };
}

const TIMED_OUT = Symbol('lookup timed out');

/** "5 seconds", "200 ms": a timeout as the reason states it. */
function seconds(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  const s = ms / 1_000;
  return `${s} second${s === 1 ? '' : 's'}`;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
