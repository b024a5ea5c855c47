import type { Kysely } from 'kysely';
import {
  type Acknowledged,
  acknowledgeIntoIntake,
  type IntakeEntry,
  noteIntakeFailure,
  removeFromIntake,
} from '../store/report-intake-store.ts';
import type { Database } from '../store/schema.ts';

/**
 * What writes the intake: acknowledging reports into it, removing those grouped, counting a
 * row's failed groupings. On this thread's connection (intakeWriterOn), or on a thread of its
 * own for SQLite with the intake in a file apart (intake-thread.ts).
 */
export interface IntakeWriter {
  /** Resolves once the batch is durable, with each report's answer (acknowledgeIntoIntake). */
  append(entries: IntakeEntry[]): Promise<Acknowledged[]>;
  remove(ids: readonly string[]): Promise<void>;
  noteFailure(id: string, error: string): Promise<void>;
  /** Ends the writer once what was asked of it is done. */
  close(): Promise<void>;
}

/** The intake written on this thread, over the connection `db`. */
export function intakeWriterOn(db: Kysely<Database>, databaseSchema?: string): IntakeWriter {
  return {
    append: (entries) => acknowledgeIntoIntake(db, entries, databaseSchema),
    remove: (ids) => removeFromIntake(db, ids),
    noteFailure: (id, error) => noteIntakeFailure(db, id, error),
    close: async () => {},
  };
}
