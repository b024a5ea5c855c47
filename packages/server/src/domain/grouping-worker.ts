/**
 * The grouping thread's own side (grouping-thread.ts starts it): a ReportGrouper over a
 * connection of its own to the SQLite database, taking reports from the intake file, which it
 * only reads. The intake thread is the intake's one writer (intake-thread.ts): it appends
 * what is acknowledged, and removes what this thread says it grouped.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { DatabaseHealth } from '../store/database-failure.ts';
import { openIntakeFile } from '../store/intake-file.ts';
import { checkpointLogs } from '../store/log-checkpoints.ts';
import { openStore, type Store } from '../store/open-store.ts';
import {
  type IntakeQueue,
  type IntakeRow,
  intakeCounts,
  takeFromIntake,
  waitingIntakeIds,
} from '../store/report-intake-store.ts';
import type { Database } from '../store/schema.ts';
import { inListOfShape } from '../store/statement-shapes.ts';
import type { FromGroupingThread, GroupingThreadData, ToGroupingThread } from './grouping-messages.ts';
import { ReportGrouper } from './report-grouper.ts';

/**
 * The grouping thread's niceness on Linux, where it is a thread's own. When the cores are all
 * busy (a flood), the threads that answer readers go first, and grouping takes what is left
 * and catches up after: in the bench ~15 % more reports acknowledged a second, with the
 * backlog bounded by INTAKE_BACKLOG_MAX (bench/README.md). An idle core is used all the same.
 */
const GROUPING_NICENESS = 10;

const port = parentPort;
if (!port) throw new Error('grouping-worker.ts runs as a worker thread (grouping-thread.ts)');
const data = workerData as GroupingThreadData;
yieldTheCpu();
const tell = (message: FromGroupingThread) => port.postMessage(message);

/** Health as the serving thread keeps it: /readyz answers there. */
class ToldHealth extends DatabaseHealth {
  override failed(reason: string, at = new Date()): void {
    super.failed(reason, at);
    tell({ type: 'health', failure: reason });
  }
  override succeeded(): void {
    if (this.trouble()) tell({ type: 'health', failure: null });
    super.succeeded();
  }
}

const opened = openStore(`sqlite:${data.databaseFile}`);
const store: Store = { ...opened, health: new ToldHealth() };
// Its own connection to the intake file, which it only reads (and checkpoints).
const intake = openIntakeFile(data.intakeFile);
// This thread, not the serving one, copies both logs into their files.
const checkpoints = checkpointLogs([store.db, intake]);

let notes = 0;
const noted = new Map<number, () => void>();
/** Reports grouped here whose rows the serving thread has not yet said it removed. */
const grouped = new Set<string>();

/**
 * The intake file seen from here. A row whose report is already stored (grouped here before
 * the serving thread removed it, or before a stop or crash came between the two) is passed
 * over, and its removal asked for again: a report is grouped once.
 */
const intakeFile: IntakeQueue = {
  async take<R>(trx: Kysely<Database>, limit: number, ids?: readonly string[]): Promise<IntakeRow<R>[]> {
    // The rows' ids first: those grouped here and not yet removed are passed over unread.
    const waiting = await waitingIntakeIds(intake, limit + grouped.size, ids);
    const chosen = waiting.filter((id) => !grouped.has(id)).slice(0, limit);
    if (chosen.length === 0) return [];
    const fresh = await takeFromIntake<R>(intake, limit, chosen);
    const stored = new Set(
      (
        await trx
          .selectFrom('reports')
          .select('id')
          .where('id', 'in', inListOfShape(fresh.map((row) => row.id)))
          .execute()
      ).map((r) => r.id),
    );
    if (stored.size > 0) tell({ type: 'stored', ids: [...stored] });
    return fresh.filter((row) => !stored.has(row.id));
  },
  // Told to the serving thread once the transaction commits (onGrouped).
  remove: async () => {},
  noteFailure: (id, error) =>
    new Promise<void>((resolve) => {
      const seq = ++notes;
      noted.set(seq, resolve);
      tell({ type: 'failed', seq, id, error });
    }),
  counts: () => intakeCounts(intake),
};

const grouper = new ReportGrouper(
  store,
  (batch) => {
    for (const report of batch.reports) grouped.add(report.id);
    tell({ type: 'grouped', batch });
  },
  (error) =>
    tell({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  intakeFile,
);

port.on('message', (message: ToGroupingThread) => {
  switch (message.type) {
    case 'wake':
      grouper.wake();
      break;
    case 'removed':
      for (const id of message.ids) grouped.delete(id);
      break;
    case 'noted':
      noted.get(message.seq)?.();
      noted.delete(message.seq);
      break;
    case 'drain':
      void grouper.drained().then(() => tell({ type: 'drained', seq: message.seq }));
      break;
    case 'close':
      checkpoints.stop();
      void grouper
        .close()
        .then(() => Promise.all([opened.close(), intake.destroy()]))
        .finally(() => {
          tell({ type: 'closed' });
          port.close();
        });
      break;
  }
});
tell({ type: 'ready' });

/** Lowers this thread's priority (GROUPING_NICENESS); elsewhere than Linux it would be the whole process's, so it is left. */
function yieldTheCpu(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(GROUPING_NICENESS);
  } catch {
    // A sandbox may refuse it: grouping then competes as an equal, as before.
  }
}
