/**
 * Which network addresses Errata's outgoing requests may connect to (the recheck's page
 * fetches, webhooks). A page URL comes from a site's settings and readers' reports, a webhook
 * URL from an owner, so a hostile one could point the server at itself, its network, or a
 * cloud metadata service (server-side request forgery): only public addresses are contacted,
 * unless the site is marked local (an intranet newsroom; never the demo unless its operator
 * says so), or the recheck reads Errata's own pages (self-url.ts).
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** What kind of address something resolved to; `public` is the only kind always fetched. */
export type AddressKind =
  | 'public'
  | 'loopback'
  | 'private'
  | 'shared (CGNAT)'
  | 'link-local'
  | 'multicast'
  | 'unspecified'
  | 'reserved';

/** Kinds a site marked local may reach: its own machine and network. */
const LOCAL_KINDS: ReadonlySet<AddressKind> = new Set(['loopback', 'private', 'shared (CGNAT)']);

// Link-local (169.254.169.254 is the cloud metadata service), multicast, unspecified and
// reserved addresses are never contacted, local site or not: no newsroom's pages live there.
const RANGES: [kind: AddressKind, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['shared (CGNAT)', 'ipv4', '100.64.0.0', 10],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['reserved', 'ipv4', '192.0.2.0', 24],
  ['reserved', 'ipv4', '192.88.99.0', 24], // The former 6to4 relay anycast.
  ['private', 'ipv4', '192.168.0.0', 16],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['reserved', 'ipv4', '198.51.100.0', 24],
  ['reserved', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['reserved', 'ipv6', '100::', 64],
  ['reserved', 'ipv6', '2001:10::', 28],
  ['reserved', 'ipv6', '2001:20::', 28],
  ['reserved', 'ipv6', '2001:db8::', 32],
  ['private', 'ipv6', 'fc00::', 7],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['private', 'ipv6', 'fec0::', 10],
  ['multicast', 'ipv6', 'ff00::', 8],
];

const BLOCKS = RANGES.map(([kind, family, network, prefix]) => {
  const list = new BlockList();
  list.addSubnet(network, prefix, family);
  return { kind, family, list };
});

/**
 * The kind of an IP address (v4 or v6, in any spelling dns.lookup or a URL gives); anything
 * unparsable is `reserved`. IPv6 forms that carry an IPv4 address are judged by that address.
 */
export function addressKind(address: string): AddressKind {
  if (isIPv4(address)) return kindIn('ipv4', address);
  const bytes = isIPv6(address) ? ipv6Bytes(address) : null;
  if (bytes === null) return 'reserved';
  const zeros = (from: number, to: number) => bytes.subarray(from, to).every((b) => b === 0);
  const ipv4At = (at: number) => Array.from(bytes.subarray(at, at + 4)).join('.');
  if (zeros(0, 16)) return 'unspecified';
  if (zeros(0, 15) && bytes[15] === 1) return 'loopback';
  // IPv4-mapped ::ffff:a.b.c.d and SIIT's ::ffff:0:a.b.c.d.
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return addressKind(ipv4At(12));
  if (zeros(0, 8) && bytes[8] === 0xff && bytes[9] === 0xff && zeros(10, 12)) return addressKind(ipv4At(12));
  // IPv4-compatible (deprecated): ::127.0.0.1 is no public address.
  if (zeros(0, 12)) return 'reserved';
  const word = (at: number) => ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
  // NAT64 64:ff9b::a.b.c.d reaches a.b.c.d; the local-use 64:ff9b:1::/48 is someone's own network.
  if (word(0) === 0x64 && word(2) === 0xff9b && zeros(4, 12)) return addressKind(ipv4At(12));
  if (word(0) === 0x64 && word(2) === 0xff9b && word(4) === 1) return 'reserved';
  // 6to4 2002:a.b.c.d::/48 is routed to a.b.c.d; Teredo 2001::/32 hides its IPv4 addresses.
  if (word(0) === 0x2002) return addressKind(ipv4At(2));
  if (word(0) === 0x2001 && word(2) === 0) return 'reserved';
  const kind = kindIn('ipv6', address.replace(/%.*$/, ''));
  // Only 2000::/3 is global unicast; the rest of the space is unassigned or special.
  if (kind === 'public' && ((bytes[0] as number) & 0xe0) !== 0x20) return 'reserved';
  return kind;
}

function kindIn(family: 'ipv4' | 'ipv6', address: string): AddressKind {
  for (const block of BLOCKS) {
    if (block.family === family && block.list.check(address, family)) return block.kind;
  }
  return 'public';
}

/** What a refusal of a loopback or private address tells the person who set the URL. */
const LOCAL_ONLY = 'only public addresses are contacted unless the site is marked local';

/**
 * Why no request may connect to `address` for `host`, or null when it may.
 * @example addressRefusal('localhost', '127.0.0.1', false) ===
 *   'localhost resolves to a loopback address (127.0.0.1): only public addresses are contacted unless the site is marked local'
 */
export function addressRefusal(host: string, address: string, local: boolean): string | null {
  const kind = addressKind(address);
  if (kind === 'public' || (local && LOCAL_KINDS.has(kind))) return null;
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  const what = `${host} resolves to ${article} ${kind} address (${address})`;
  return LOCAL_KINDS.has(kind) ? `${what}: ${LOCAL_ONLY}` : `${what}, which is never contacted`;
}

/**
 * Why `host` is refused by its name alone, before any DNS answer, or null: `localhost` and
 * every name under it are loopback (RFC 6761) whatever a resolver says, with a trailing dot
 * ("localhost.", the same name written in full) or in capitals.
 */
export function nameRefusal(host: string, local: boolean): string | null {
  const name = dnsName(host);
  if (local || (name !== 'localhost' && !name.endsWith('.localhost'))) return null;
  return `${host} is a loopback name: ${LOCAL_ONLY}`;
}

/** The name to ask DNS for: lower case, without the trailing dot of a fully written name. */
export function dnsName(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}

/** The 16 bytes of a valid IPv6 address (zone dropped, "::" expanded, a trailing a.b.c.d read). */
function ipv6Bytes(address: string): Uint8Array | null {
  let text = address.toLowerCase().replace(/%.*$/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const before = groups(head);
  const after = tail === undefined ? [] : groups(tail);
  const missing = 8 - before.length - after.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const words = [...before, ...Array<string>(missing).fill('0'), ...after].map((g) => Number.parseInt(g, 16));
  if (words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return null;
  const bytes = new Uint8Array(16);
  words.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  return bytes;
}
