import { type Kysely, sql } from 'kysely';
import type { Database } from './schema.ts';

/**
 * How soon the logs are looked at again after a checkpoint that copied pages: they are growing.
 * A page that several commits rewrote in between is copied once: every 250 ms rather than 50,
 * grouping wrote ~30 KB per report instead of ~37, and grouped ~10 % faster (bench/README.md).
 */
export const CHECKPOINT_BUSY_MS = 250;
/** How soon after one that found nothing to copy. */
export const CHECKPOINT_IDLE_MS = 1_000;

/** What the checkpoints did so far. */
export interface CheckpointCounts {
  /** Checkpoints that copied at least one page of a log into its database. */
  checkpoints: number;
  /** Pages copied by them. */
  pages: number;
}

/** Checkpoints running on a connection until stopped. */
export interface LogCheckpoints {
  counts(): CheckpointCounts;
  stop(): void;
}

/**
 * Copies the logs of SQLite databases (each connection's own, `main`) into their files, a little at a time, from a connection that is not the one serving requests.
 * SQLite does it by itself inside a commit once a log passes wal_autocheckpoint pages: under a
 * flood of reports that commit held the serving thread for 20-90 ms, every few hundred
 * milliseconds, with every request waiting behind it (bench/README.md). A PASSIVE checkpoint
 * never waits for a writer and never makes one wait; a failure (the disk full, the file
 * read-only) is tried again on the next turn.
 */
export function checkpointLogs(connections: readonly Kysely<Database>[]): LogCheckpoints {
  const counts: CheckpointCounts = { checkpoints: 0, pages: 0 };
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const turn = async () => {
    let copied = 0;
    for (const db of connections) {
      try {
        const { rows } = await sql<{ checkpointed: number }>`pragma wal_checkpoint(PASSIVE)`.execute(db);
        const pages = rows[0]?.checkpointed ?? 0;
        if (pages > 0) {
          counts.checkpoints += 1;
          counts.pages += pages;
          copied += pages;
        }
      } catch {}
    }
    if (!stopped) timer = setTimeout(turn, copied > 0 ? CHECKPOINT_BUSY_MS : CHECKPOINT_IDLE_MS);
  };
  timer = setTimeout(turn, CHECKPOINT_BUSY_MS);
  return {
    counts: () => ({ ...counts }),
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
