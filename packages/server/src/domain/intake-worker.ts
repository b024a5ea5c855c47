/**
 * The intake thread's own side (intake-thread.ts starts it): the one writer of the intake
 * file. It acknowledges batches of reports into it, durably, while the serving thread goes on
 * serving; it removes what the grouping thread grouped.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { sql } from 'kysely';
import { DATABASE_IN_INTAKE, openIntakeFile } from '../store/intake-file.ts';
import type { FromIntakeThread, IntakeThreadData, ThreadError, ToIntakeThread } from './intake-messages.ts';
import { intakeWriterOn } from './intake-writer.ts';

/**
 * How long a write waits for another connection's (the serving thread's move of a restored
 * backup's intake at start): this thread serves no request, so waiting here holds none up.
 */
const BUSY_TIMEOUT_MS = 5_000;

const port = parentPort;
if (!port) throw new Error('intake-worker.ts runs as a worker thread (intake-thread.ts)');
const data = workerData as IntakeThreadData;
const tell = (message: FromIntakeThread) => port.postMessage(message);

const db = openIntakeFile(data.intakeFile, data.databaseFile);
void sql.raw(`pragma busy_timeout = ${BUSY_TIMEOUT_MS}`).execute(db);
const writer = intakeWriterOn(db, DATABASE_IN_INTAKE);
let underWay = Promise.resolve();

function answer(seq: number, work: Promise<FromIntakeThread | undefined>): void {
  const told = work
    .then((done) => tell(done ?? { type: 'done', seq }))
    .catch((error: unknown) => tell({ type: 'failed', seq, error: threadErrorOf(error) }));
  underWay = underWay.then(() => told);
}

port.on('message', (message: ToIntakeThread) => {
  switch (message.type) {
    case 'append':
      answer(
        message.seq,
        writer.append(message.entries).then((answers) => ({ type: 'done', seq: message.seq, answers })),
      );
      break;
    case 'remove':
      answer(
        message.seq,
        writer.remove(message.ids).then(() => undefined),
      );
      break;
    case 'note':
      answer(
        message.seq,
        writer.noteFailure(message.id, message.error).then(() => undefined),
      );
      break;
    case 'close':
      void underWay.then(() => db.destroy()).finally(() => port.close());
      break;
  }
});

function threadErrorOf(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
}
