import SqliteDatabase from 'better-sqlite3';

/** Pages (4 KiB each) written to the log between two checkpoints: ~32 MB. */
const WAL_CHECKPOINT_PAGES = 8_000;
/** The log file's size kept after a checkpoint: one interval's worth, reused rather than regrown. */
const WAL_FILE_MAX_BYTES = 40_000_000;

/** Opens a SQLite file (created if needed) as Errata uses every one: a log, durable commits. */
export function openSqliteFile(file: string): SqliteDatabase.Database {
  let sqlite: SqliteDatabase.Database;
  try {
    sqlite = new SqliteDatabase(file);
  } catch (error) {
    throw new Error(`cannot open the database ${file}: ${(error as Error).message}`);
  }
  // WAL lets readers run during a write; synchronous=FULL makes every commit durable on
  // power loss, which group commit (report-ingest.ts) makes affordable: once batched, a prototype
  // measured synchronous=FULL at about the throughput of NORMAL.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  // The log is copied into the database every WAL_CHECKPOINT_PAGES pages, not SQLite's 1,000: a
  // page rewritten by many commits in between (an index's busy end) is copied once. Under a
  // flood of reports this cut the time spent committing by a third (bench/README.md). After
  // a checkpoint the log file is cut back to WAL_FILE_MAX_BYTES. In the server the grouping
  // thread copies the logs meanwhile (store/log-checkpoints.ts), and this is what is left when it falls behind.
  sqlite.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`);
  sqlite.pragma(`journal_size_limit = ${WAL_FILE_MAX_BYTES}`);
  sqlite.pragma('foreign_keys = ON');
  // A lock another connection holds is waited for by the driver, between turns of the event
  // loop (sqlite-driver.ts): SQLite's own wait would hold up the whole thread.
  sqlite.pragma('busy_timeout = 0');
  return sqlite;
}
