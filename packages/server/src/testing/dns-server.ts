import { createSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import type { Resolve } from '../fetch/host-vetting.ts';

/**
 * A real DNS server on 127.0.0.1 (UDP) whose answers a test scripts per question, e.g. a
 * name that answers a public address first and 127.0.0.1 after (DNS rebinding). Only A
 * records, with a TTL of 0 so no resolver keeps an answer.
 */
export interface DnsServer {
  /** Names asked for, in order. */
  asked: string[];
  /** Resolves through this server alone, answering as dns.lookup would. */
  resolve: Resolve;
  close(): Promise<void>;
}

/**
 * `answer(name, count)`: the IPv4 addresses of `name` the `count`-th time (from 0) it is asked;
 * [] is "no such name", null is no answer at all (a server that drops the question). The
 * resolver gives up after `resolverTimeoutMs` (1 s unless said otherwise).
 */
export async function startDnsServer(
  answer: (name: string, count: number) => string[] | null,
  options: { resolverTimeoutMs?: number } = {},
): Promise<DnsServer> {
  const asked: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (query, from) => {
    const question = readQuestion(query);
    if (!question) return;
    const count = asked.filter((name) => name === question.name).length;
    asked.push(question.name);
    const addresses = question.type === A ? answer(question.name, count) : [];
    if (addresses === null) return;
    socket.send(reply(query, question.end, question.type === A ? addresses : null), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const resolver = new Resolver({ timeout: options.resolverTimeoutMs ?? 1_000, tries: 1 });
  resolver.setServers([`127.0.0.1:${(socket.address() as AddressInfo).port}`]);
  return {
    asked,
    resolve: async (host) => (await resolver.resolve4(host)).map((address) => ({ address, family: 4 })),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

const A = 1; // The record type of an IPv4 address.
const HEADER_BYTES = 12;

/** The question's name, type and where it ends in the query. */
function readQuestion(query: Buffer): { name: string; type: number; end: number } | null {
  const labels: string[] = [];
  let at = HEADER_BYTES;
  while (at < query.length && query[at] !== 0) {
    const length = query[at] as number;
    labels.push(query.subarray(at + 1, at + 1 + length).toString('latin1'));
    at += 1 + length;
  }
  if (at + 5 > query.length) return null;
  return { name: labels.join('.').toLowerCase(), type: query.readUInt16BE(at + 1), end: at + 5 };
}

/** The answer to `query`: its id and question, then one A record per address; null addresses: none, but the name exists. */
function reply(query: Buffer, questionEnd: number, addresses: string[] | null): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  query.copy(header, 0, 0, 2); // The id.
  const noSuchName = addresses !== null && addresses.length === 0;
  header.writeUInt16BE(noSuchName ? 0x8183 : 0x8180, 2); // An answer, recursion available; rcode 3: NXDOMAIN.
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(addresses?.length ?? 0, 6);
  const records = (addresses ?? []).map((address) => {
    const record = Buffer.alloc(16);
    record.writeUInt16BE(0xc00c, 0); // The name: a pointer to the question's.
    record.writeUInt16BE(A, 2);
    record.writeUInt16BE(1, 4); // Class IN.
    record.writeUInt32BE(0, 6); // TTL 0: never cached.
    record.writeUInt16BE(4, 10);
    Buffer.from(address.split('.').map(Number)).copy(record, 12);
    return record;
  });
  return Buffer.concat([header, query.subarray(HEADER_BYTES, questionEnd), ...records]);
}
