import { Agent, request } from 'node:http';
import type { ReportInput } from '@errata/core';
import type { Store } from '../store/open-store.ts';
import { demoReport } from './test-app.ts';

/** A flood of reports under way: what was acknowledged (201, by report id) and refused (status) so far. */
export interface ReportFlood {
  acknowledged: string[];
  refused: number[];
  /** Resolves once `count` reports were acknowledged (or something was refused, or `timeoutMs` passed). */
  acknowledgedAtLeast(count: number, timeoutMs?: number): Promise<void>;
  /** Stops sending; resolves when every sender has had its last answer (or lost its server). */
  stop(): Promise<void>;
}

/**
 * Sends reports from `senders` concurrent clients, each posting one after another to the
 * origins in turn (round-robin), each report made by `report(sender, n, origin)`. A sender
 * whose server is gone (connection refused or reset) moves on to the next origin; one that
 * finds no server left stops.
 */
export function floodReports(options: {
  origins: string[];
  senders: number;
  report: (sender: number, n: number, origin: string) => ReportInput;
  /** Extra headers per sender, e.g. its own X-Forwarded-For address. */
  headers?: (sender: number) => Record<string, string>;
}): ReportFlood {
  const acknowledged: string[] = [];
  const refused: number[] = [];
  const gone = new Set<string>();
  let stopping = false;
  const send = async (sender: number) => {
    for (let n = 0; !stopping; n++) {
      const live = options.origins.filter((o) => !gone.has(o));
      if (live.length === 0) return;
      const origin = live[(sender + n) % live.length] as string;
      try {
        const response = await fetch(`${origin}/api/v1/reports`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain;charset=UTF-8', ...options.headers?.(sender) },
          body: JSON.stringify(options.report(sender, n, origin)),
        });
        if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        else refused.push(response.status);
      } catch {
        gone.add(origin);
      }
    }
  };
  const senders = Array.from({ length: options.senders }, (_, sender) => send(sender));
  return {
    acknowledged,
    refused,
    acknowledgedAtLeast: async (count, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      while (acknowledged.length < count && refused.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    stop: async () => {
      stopping = true;
      await Promise.all(senders);
    },
  };
}

/** One reader's connection, from a loopback address of its own (127.0.0.0/8 is all this machine's). */
export interface ReaderLine {
  /** Sends one report; resolves to the answer's status. */
  send(origin: string, report: ReportInput): Promise<number>;
  close(): void;
}

/**
 * A reader's line from `localAddress` (e.g. 127.0.0.23): the server sees that address on the
 * socket, so each line has its own per-address budget without trusting X-Forwarded-For.
 */
export function readerLine(localAddress: string): ReaderLine {
  const agent = new Agent({ keepAlive: true, localAddress });
  return {
    send: (origin, report) =>
      new Promise((resolve, reject) => {
        const body = JSON.stringify(report);
        const sent = request(
          `${origin}/api/v1/reports`,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'text/plain;charset=UTF-8',
              'content-length': Buffer.byteLength(body),
            },
          },
          (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
            response.on('error', reject);
          },
        );
        sent.on('error', reject);
        sent.end(body);
      }),
    close: () => agent.destroy(),
  };
}

/**
 * A flood of reports on the demo's article, each with a quote of its own (`tag`, then sender
 * and number), so a report stored twice, or lost, shows by its quote.
 */
export function floodDemoArticle(origins: string[], senders: number, tag: string): ReportFlood {
  return floodReports({
    origins,
    senders,
    report: (sender, n, origin) =>
      demoReport({
        url: `${origin}/demo/articles/harbour-bridge.html`,
        quote: { exact: `${tag}${sender}n${n}`, prefix: `before ${sender} `, suffix: ` after ${n}` },
      }),
  });
}

/**
 * Ids of the reports a store keeps: grouped into their errata, or acknowledged and waiting to
 * be (the intake, in the database or, as the server keeps it on SQLite, a file of its own).
 */
export async function keptReportIds(
  store: Pick<Store, 'db' | 'intake'>,
): Promise<{ grouped: Set<string>; waiting: Set<string> }> {
  const grouped = await store.db.selectFrom('reports').select('id').execute();
  const waiting = await store.intake.selectFrom('report_intake').select('id').execute();
  return { grouped: new Set(grouped.map((r) => r.id)), waiting: new Set(waiting.map((r) => r.id)) };
}
