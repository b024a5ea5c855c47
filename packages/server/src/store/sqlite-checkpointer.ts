import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How soon the checkpointer looks again after a checkpoint that copied pages: the log is growing. */
export const CHECKPOINT_BUSY_MS = 50;
/** How soon it looks again after one that found nothing to copy. */
export const CHECKPOINT_IDLE_MS = 1_000;

/** What the background checkpoints did so far (/metrics, tests). */
export interface CheckpointCounts {
  /** Checkpoints that copied at least one page of the log into the database. */
  checkpoints: number;
  /** Pages copied by them. */
  pages: number;
}

/** A thread copying a SQLite database's log into its file, beside the connection that writes. */
export interface SqliteCheckpointer {
  counts(): CheckpointCounts;
  /** Ends the thread and closes its connection; resolves once it is gone. */
  close(): Promise<void>;
}

// Plain JavaScript for an eval'd worker: it runs the same whether the server is built or run
// through tsx. A PASSIVE checkpoint never waits for the writer and never makes it wait; a
// failure (the disk full, the file read-only) is tried again on the next turn.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
let timer;
const turn = () => {
  let copied = 0;
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    copied = result && result.checkpointed > 0 ? result.checkpointed : 0;
  } catch {}
  if (copied > 0) parentPort.postMessage(copied);
  timer = setTimeout(turn, copied > 0 ? workerData.busyMs : workerData.idleMs);
};
timer = setTimeout(turn, workerData.busyMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts copying the log of the SQLite database in `file` into the database in a thread of
 * its own. SQLite does it by itself inside a commit once the log passes wal_autocheckpoint
 * pages: under a flood of reports that commit then held the server's one thread for
 * 20–90 ms, every few hundred milliseconds, and every request waiting behind it. Done here a
 * little at a time, the writer's own checkpoints find little or nothing left to copy.
 */
export function startSqliteCheckpointer(file: string): SqliteCheckpointer {
  const counts: CheckpointCounts = { checkpoints: 0, pages: 0 };
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      module: createRequire(import.meta.url).resolve('better-sqlite3'),
      file,
      busyMs: CHECKPOINT_BUSY_MS,
      idleMs: CHECKPOINT_IDLE_MS,
    },
  });
  // The thread alone never keeps the process alive.
  worker.unref();
  worker.on('message', (pages: number) => {
    counts.checkpoints += 1;
    counts.pages += pages;
  });
  // Should the thread fail, the writer's own checkpoints go on as before.
  worker.on('error', () => {});
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let closing: Promise<void> | undefined;
  return {
    counts: () => ({ ...counts }),
    close() {
      closing ??= (async () => {
        worker.postMessage('close');
        await exited;
      })();
      return closing;
    },
  };
}
