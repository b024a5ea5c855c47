import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Pages of the log one b-tree (a table or an index) took, per report. */
export interface BtreeShare {
  name: string;
  pagesPerReport: number;
}

/** What the reports taken in wrote to a SQLite database's log. */
export interface LogPages {
  /** Log frames (one page each, as commits wrote them) per report, and their bytes. */
  pagesPerReport: number;
  kilobytesPerReport: number;
  /** Each b-tree's share, most first; pages since freed count as "(free)". */
  byBtree: BtreeShare[];
}

/**
 * Counts, b-tree by b-tree, the pages that taking `count` reports in writes to a SQLite
 * database's log: what each index costs a report in commits and checkpoints. The log is
 * emptied first, and a read transaction held open from then on keeps every frame in it (no
 * checkpoint can copy past a reader, nor start the log again); afterwards each frame's page
 * is named by SQLite's `dbstat`. `takeIn` must leave nothing being written when it returns.
 */
export async function logPagesOf(
  file: string,
  count: number,
  takeIn: () => Promise<void>,
): Promise<LogPages> {
  const reader = new Database(file);
  try {
    reader.pragma('wal_checkpoint(TRUNCATE)');
    const pageSize = reader.pragma('page_size', { simple: true }) as number;
    reader.exec('begin');
    reader.prepare('select count(*) from sqlite_schema').get();
    await takeIn();
    const pages = framePages(readFileSync(`${file}-wal`), pageSize);
    reader.exec('commit');
    const owner = new Map<number, string>();
    for (const row of reader.prepare('select name, pageno from dbstat').all() as {
      name: string;
      pageno: number;
    }[]) {
      owner.set(row.pageno, row.name);
    }
    const counts = new Map<string, number>();
    for (const page of pages) {
      const name = owner.get(page) ?? '(free)';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return {
      pagesPerReport: pages.length / count,
      kilobytesPerReport: (pages.length * pageSize) / count / 1024,
      byBtree: [...counts]
        .map(([name, n]) => ({ name, pagesPerReport: n / count }))
        .sort((a, b) => b.pagesPerReport - a.pagesPerReport),
    };
  } finally {
    if (reader.inTransaction) reader.exec('commit');
    reader.close();
  }
}

/** The page number of every frame in a log file (after its 32-byte header, a 24-byte header each). */
function framePages(log: Buffer, pageSize: number): number[] {
  const pages: number[] = [];
  for (let at = 32; at + 24 + pageSize <= log.length; at += 24 + pageSize) pages.push(log.readUInt32BE(at));
  return pages;
}
