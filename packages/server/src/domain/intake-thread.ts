import { KeptWorkerThread, startWorkerThread } from '../base/worker-thread.ts';
import { filesApart, type Store } from '../store/open-store.ts';
import type { Acknowledged, IntakeEntry } from '../store/report-intake-store.ts';
import { ErrataError } from './errors.ts';
import type { FromIntakeThread, IntakeThreadData, ThreadError, ToIntakeThread } from './intake-messages.ts';
import type { IntakeWriter } from './intake-writer.ts';

/** The intake thread holds a connection and small batches: a small heap for new objects will do. */
const INTAKE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** Distributes ToIntakeThread over its members, so that each keeps its own fields without `seq`. */
type Request = ToIntakeThread extends infer M ? (M extends { seq: number } ? Omit<M, 'seq'> : never) : never;

interface Asked {
  resolve: (answers: Acknowledged[] | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes the intake file on a thread of its own (intake-worker.ts), for SQLite with the intake
 * in a file apart (store/intake-file.ts). A commit waits for the disk (fsync): on the serving
 * thread that wait held every request up, ~15 % of its time in a flood (bench/README.md).
 * Here the serving thread goes on parsing and checking the next reports while a batch
 * commits, and answers each once its batch is durable, as before.
 */
export class IntakeThread implements IntakeWriter {
  private readonly thread: KeptWorkerThread<ToIntakeThread, FromIntakeThread>;
  private seq = 0;
  private readonly asked = new Map<number, Asked>();
  private closing: Promise<void> | null = null;

  constructor(store: Store, onError: (error: unknown) => void) {
    const data: IntakeThreadData = filesApart(store, 'an intake thread');
    this.thread = new KeptWorkerThread(
      'the intake thread',
      () => startWorkerThread(import.meta.url, 'intake-worker', data, INTAKE_THREAD_LIMITS),
      {
        message: (message) => this.received(message),
        error: onError,
        exit: () => {
          // What it had not answered may or may not be durable: the widget sends those reports
          // again with their clientIds, and a repeat is answered with the first arrival's id.
          for (const { reject } of this.asked.values()) reject(intakeUnavailable());
          this.asked.clear();
        },
      },
    );
  }

  async append(entries: IntakeEntry[]): Promise<Acknowledged[]> {
    return (await this.ask({ type: 'append', entries })) ?? [];
  }

  async remove(ids: readonly string[]): Promise<void> {
    await this.ask({ type: 'remove', ids });
  }

  async noteFailure(id: string, error: string): Promise<void> {
    await this.ask({ type: 'note', id, error });
  }

  close(): Promise<void> {
    this.closing ??= this.thread.close({ type: 'close' });
    return this.closing;
  }

  private ask(request: Request): Promise<Acknowledged[] | undefined> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.asked.set(seq, { resolve, reject });
      if (!this.thread.post({ ...request, seq } as ToIntakeThread)) {
        this.asked.delete(seq);
        reject(intakeUnavailable());
      }
    });
  }

  private received(message: FromIntakeThread): void {
    const asked = this.asked.get(message.seq);
    this.asked.delete(message.seq);
    if (message.type === 'done') asked?.resolve(message.answers);
    else asked?.reject(errorOf(message.error));
  }
}

function intakeUnavailable(): ErrataError {
  return new ErrataError('unavailable', 'Errata cannot take reports for a moment: try again shortly.');
}

/** The thread's error as one here: its name, message and code (a database failure is told by its code). */
function errorOf({ name, message, code }: ThreadError): Error {
  return Object.assign(new Error(message), { name, ...(code === undefined ? {} : { code }) });
}
