/**
 * "A flood from one address does not drown the other readers": a real server process takes, from
 * one address, many times its per-address limit, while other readers, each on an address of its
 * own, report at a reader's pace. Every one of their reports is taken; the flooder hears 429
 * once past its limit, and nobody hears a server error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './testing/free-port.ts';
import { type ReaderLine, readerLine } from './testing/report-flood.ts';
import { type ServerProcess, startServerProcess } from './testing/server-process.ts';
import { demoReport } from './testing/test-app.ts';

/** ERRATA_REPORTS_PER_MINUTE here: small, so a flood of many times it stays within a CI budget. */
const LIMIT = 20;
/** The flooder sends at least this many times its limit (the original run: 266×). */
const FLOOD_TIMES_LIMIT = 100;
/** The flooder's connections at once, all from one address. */
const FLOOD_CONNECTIONS = 8;
const FLOODER_ADDRESS = '127.0.0.2';
/** Other readers, each on its own loopback address (127.0.0.10 on). */
const READERS = 40;
/** Reports each other reader sends: well within the limit, as people do. */
const REPORTS_PER_READER = 5;
/** A reader's pause between two reports, in ms: faster than a person, slower than a script. */
const READER_PAUSE_MS = 100;

const dataDir = mkdtempSync(join(tmpdir(), 'errata-flood-'));
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function reportFrom(origin: string, who: string, n: number) {
  return demoReport({
    url: `${origin}/demo/articles/harbour-bridge.html`,
    quote: { exact: `${who}w${n}`, prefix: `before ${who} `, suffix: ` after ${n}` },
  });
}

describe('a report flood from one address', { timeout: 90_000 }, () => {
  it("should take 100 % of the other readers' reports and answer the flooder 429 past its limit", async () => {
    server = await startServerProcess({
      port: await freePort(),
      dataDir,
      env: { ERRATA_REPORTS_PER_MINUTE: String(LIMIT), ERRATA_DEMO: 'on' },
    });
    const { origin } = server;
    const floodStatuses: number[] = [];
    const readerStatuses: number[] = [];
    let readersDone = false;

    const flooder = Array.from({ length: FLOOD_CONNECTIONS }, () => readerLine(FLOODER_ADDRESS));
    const floodTarget = LIMIT * FLOOD_TIMES_LIMIT;
    let floodSent = 0;
    // The flood goes on till the readers are done, so every one of their reports meets it.
    const flood = flooder.map(async (line) => {
      while (!(readersDone && floodSent >= floodTarget)) {
        const n = floodSent++;
        floodStatuses.push(await line.send(origin, reportFrom(origin, 'flood', n)));
      }
    });
    while (!floodStatuses.includes(429)) await sleep(10);

    const lines: ReaderLine[] = Array.from({ length: READERS }, (_, i) => readerLine(`127.0.0.${10 + i}`));
    try {
      await Promise.all(
        lines.map(async (line, i) => {
          await sleep((i * READER_PAUSE_MS) / READERS); // Readers do not all press Send at once.
          for (let n = 0; n < REPORTS_PER_READER; n++) {
            readerStatuses.push(await line.send(origin, reportFrom(origin, `reader${i}`, n)));
            await sleep(READER_PAUSE_MS);
          }
        }),
      );
    } finally {
      readersDone = true;
      await Promise.all(flood);
      for (const line of [...flooder, ...lines]) line.close();
    }

    const floodTaken = floodStatuses.filter((status) => status === 201).length;
    const floodRefused = floodStatuses.filter((status) => status === 429).length;
    const readersTaken = readerStatuses.filter((status) => status === 201).length;
    console.log(
      `flood: ${floodStatuses.length} reports from one address (${Math.floor(floodStatuses.length / LIMIT)}× its limit of ${LIMIT} a minute): ` +
        `${floodTaken} accepted, ${floodRefused} answered 429; other readers: ${readersTaken} of ${readerStatuses.length} accepted ` +
        `(${((100 * readersTaken) / readerStatuses.length).toFixed(0)} %) from ${READERS} addresses`,
    );
    expect(readerStatuses).toEqual(Array(READERS * REPORTS_PER_READER).fill(201));
    expect(floodStatuses.length).toBeGreaterThanOrEqual(floodTarget);
    expect(floodTaken).toBe(LIMIT);
    expect(floodRefused).toBe(floodStatuses.length - LIMIT);
  });
});
