import type { Erratum, ErratumStatus } from '@errata/core';
import { listErrataForExport } from '../store/errata-store.ts';
import type { Store } from '../store/open-store.ts';
import { findSite } from '../store/sites-store.ts';
import { type Principal, requireRole } from './access.ts';
import { ErrataError } from './errors.ts';

/** Errata read per query while exporting: one page is in memory at a time, and a site of 50,000 errata is 100 queries. */
export const EXPORT_PAGE_SIZE = 500;

/** What an export is of, known before its first erratum is written. */
export interface ExportHeading {
  site: { id: string; name: string };
  /** The status the export is limited to, or null for every status. */
  status: ErratumStatus | null;
  /** ISO-8601 time the export started. */
  exportedAt: string;
}

/** An export someone may read: its heading, and the site's errata page by page, read as they are consumed. */
export interface ErrataExport extends ExportHeading {
  pages: AsyncIterable<Erratum[]>;
}

/**
 * How one file format writes an export, piece by piece, so the whole never has to be in
 * memory: `start()`, then `erratum()` for each erratum in order, then `end()`.
 */
export interface ExportFormat {
  /** The Content-Type of the written document. */
  contentType: string;
  /** File name extension, without the dot. */
  extension: string;
  /** What comes before the first erratum. */
  start(): string;
  /** One erratum; `index` counts from 0, so a format can put separators between errata. */
  erratum(erratum: Erratum, index: number): string;
  /** What comes after the last erratum; `count` is how many were written. */
  end(count: number): string;
}

/**
 * Opens a site's errata for export by someone allowed to read them (viewer or more). The
 * check happens here, before anything is written: once a download has started, a refusal
 * can no longer be told.
 */
export async function openErrataExport(
  store: Store,
  principal: Principal,
  query: { site: string; status?: ErratumStatus | undefined },
  pageSize = EXPORT_PAGE_SIZE,
): Promise<ErrataExport> {
  await requireRole(store, principal, query.site, 'viewer');
  const site = await findSite(store.db, query.site);
  if (!site) throw new ErrataError('not_found', `No site "${query.site}" that you are a member of.`);
  return {
    site: { id: site.id, name: site.name },
    status: query.status ?? null,
    exportedAt: new Date().toISOString(),
    pages: errataPages(
      store,
      { siteId: site.id, ...(query.status ? { status: query.status } : {}) },
      pageSize,
    ),
  };
}

/** The export as text, one piece per page of errata; nothing holds more than one page at a time. */
export async function* exportText(
  pages: AsyncIterable<Erratum[]>,
  format: ExportFormat,
): AsyncGenerator<string> {
  yield format.start();
  let count = 0;
  for await (const page of pages) {
    let text = '';
    for (const erratum of page) text += format.erratum(erratum, count++);
    yield text;
  }
  yield format.end(count);
}

/**
 * The file name a browser saves the export as, e.g. `errata-demo-2025-05-01.csv`. Only
 * letters, digits, dot, dash and underscore survive, so the name needs no quoting rules.
 */
export function exportFileName(heading: ExportHeading, extension: string): string {
  const site = heading.site.id.replace(/[^A-Za-z0-9._-]+/g, '_');
  const status = heading.status ? `-${heading.status}` : '';
  return `errata-${site}${status}-${heading.exportedAt.slice(0, 10)}.${extension}`;
}

async function* errataPages(
  store: Store,
  query: { siteId: string; status?: ErratumStatus },
  pageSize: number,
): AsyncGenerator<Erratum[]> {
  let afterId: string | undefined;
  for (;;) {
    const page = await listErrataForExport(store.db, {
      ...query,
      ...(afterId === undefined ? {} : { afterId }),
      limit: pageSize,
    });
    if (page.length > 0) yield page;
    const last = page.at(-1);
    // A short page is the last one: no query just to learn there is nothing more.
    if (page.length < pageSize || !last) return;
    afterId = last.id;
  }
}
