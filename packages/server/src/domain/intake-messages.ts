import type { FilesApart } from '../store/open-store.ts';
import type { Acknowledged, IntakeEntry } from '../store/report-intake-store.ts';

/** What the intake thread is started with: the store's two files. */
export type IntakeThreadData = FilesApart;

/** From the serving thread to the intake thread: each asks for one write, answered by its `seq`. */
export type ToIntakeThread =
  | { type: 'append'; seq: number; entries: IntakeEntry[] }
  | { type: 'remove'; seq: number; ids: readonly string[] }
  | { type: 'note'; seq: number; id: string; error: string }
  /** Finish what was asked, close the connection and end. */
  | { type: 'close' };

/** An error as it crosses threads: what the serving thread answers by (database-failure.ts reads `code`). */
export interface ThreadError {
  name: string;
  message: string;
  code?: string;
}

/** From the intake thread to the serving thread. */
export type FromIntakeThread =
  | { type: 'done'; seq: number; answers?: Acknowledged[] }
  | { type: 'failed'; seq: number; error: ThreadError };
