import type { FilesApart } from '../store/open-store.ts';
import type { GroupedBatch } from './report-grouper.ts';

/** What the grouping thread is started with: the store's two files. */
export type GroupingThreadData = FilesApart;

/** From the serving thread to the grouping thread. */
export type ToGroupingThread =
  /** Reports were acknowledged: group what waits. */
  | { type: 'wake' }
  /** These grouped reports are removed from the intake. */
  | { type: 'removed'; ids: string[] }
  /** A failure of grouping one row alone was counted in the intake. */
  | { type: 'noted'; seq: number }
  /** Answer `drained` once nothing waits that the thread can take. */
  | { type: 'drain'; seq: number }
  /** End the batch under way, close the connection and end. */
  | { type: 'close' };

/** From the grouping thread to the serving thread. */
export type FromGroupingThread =
  | { type: 'ready' }
  /** A grouping transaction committed: remove these from the intake, tell who waits. */
  | { type: 'grouped'; batch: GroupedBatch }
  /** These rows' reports were stored before (a stop came between grouping and removal): remove them. */
  | { type: 'stored'; ids: string[] }
  /** Grouping this row alone failed: count it in the intake, then answer `noted`. */
  | { type: 'failed'; seq: number; id: string; error: string }
  /** The database failed (a reason /readyz gives), or works again (null). */
  | { type: 'health'; failure: string | null }
  | { type: 'error'; message: string }
  | { type: 'drained'; seq: number }
  | { type: 'closed' };
