/**
 * Which network addresses the recheck may connect to. A page URL comes from a site's
 * settings and readers' reports, so a hostile one could point the server at itself, its
 * network, or a cloud metadata service (server-side request forgery): only public addresses
 * are fetched, unless the site is marked local (the demo; an intranet newsroom).
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
// reserved addresses are never fetched, local site or not: no newsroom's pages live there.
const RANGES: [kind: AddressKind, family: 'ipv4' | 'ipv6', network: string, prefix: number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['shared (CGNAT)', 'ipv4', '100.64.0.0', 10],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['reserved', 'ipv4', '192.0.2.0', 24],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['reserved', 'ipv4', '198.51.100.0', 24],
  ['reserved', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  ['reserved', 'ipv6', '::', 96], // IPv4-compatible (deprecated): ::127.0.0.1 is no public address.
  ['reserved', 'ipv6', '100::', 64],
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

/** IPv6 forms that carry an IPv4 address: IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d). */
const EMBEDDING_PREFIXES = ['::ffff:', '64:ff9b::'];

/** The kind of an IP address (v4 or v6, as dns.lookup returns it); anything unparsable is `reserved`. */
export function addressKind(address: string): AddressKind {
  const embedded = embeddedIPv4(address);
  if (embedded !== null) return addressKind(embedded);
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : null;
  if (family === null) return 'reserved';
  for (const block of BLOCKS) {
    if (block.family === family && block.list.check(address, family)) return block.kind;
  }
  return 'public';
}

/**
 * Why the recheck must not connect to `address` for `host`, or null when it may.
 * @example addressRefusal('localhost', '127.0.0.1', false) ===
 *   'localhost resolves to a loopback address (127.0.0.1): only public addresses are fetched unless the site is marked local'
 */
export function addressRefusal(host: string, address: string, local: boolean): string | null {
  const kind = addressKind(address);
  if (kind === 'public' || (local && LOCAL_KINDS.has(kind))) return null;
  const article = /^[aeiou]/.test(kind) ? 'an' : 'a';
  const what = `${host} resolves to ${article} ${kind} address (${address})`;
  return LOCAL_KINDS.has(kind)
    ? `${what}: only public addresses are fetched unless the site is marked local`
    : `${what}, which is never fetched`;
}

function embeddedIPv4(address: string): string | null {
  if (!isIPv6(address)) return null;
  const lower = address.toLowerCase();
  for (const prefix of EMBEDDING_PREFIXES) {
    if (!lower.startsWith(prefix)) continue;
    const rest = lower.slice(prefix.length);
    if (isIPv4(rest)) return rest;
    // The same address written in hex: ::ffff:7f00:1 is 127.0.0.1.
    const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(rest);
    if (hex) {
      const high = Number.parseInt(hex[1] as string, 16);
      const low = Number.parseInt(hex[2] as string, 16);
      return [high >> 8, high & 255, low >> 8, low & 255].join('.');
    }
  }
  return null;
}
