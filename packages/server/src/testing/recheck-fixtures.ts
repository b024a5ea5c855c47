import { FINGERPRINT_CONTEXT, type ReportInput, type ReportReceipt } from '@errata/core';
import type { FastifyInstance } from 'fastify';
import { newId } from '../base/ids.ts';
import { changeErratumStatus } from '../domain/decisions.ts';
import { PageRoots } from '../domain/page-text.ts';
import type { GroupedReceipt, ReportIngest } from '../domain/report-ingest.ts';
import type { Store } from '../store/open-store.ts';
import { setSiteFlag } from '../store/site-flags-store.ts';
import { addSite } from './test-app.ts';

/** An article whose sentence `sentence` sits among others, as a newsroom serves it. */
export function article(sentence: string, title = 'Harbour bridge'): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>
<nav>Home · News</nav>
<article><h1>${title}</h1>
<p>The old swing bridge closes for repairs on Monday.</p>
<p>${sentence}</p>
<p>Traffic will be diverted over the ring road until spring.</p>
</article></body></html>`;
}

/**
 * A report of `exact` in `html` as the widget would make it (quote, context and position from
 * the text of the root `extras.root` names, else the default root).
 */
export function reportOf(
  html: string,
  exact: string,
  page: { site: string; url: string },
  extras: Partial<ReportInput> = {},
): ReportInput {
  // The root the report names, as the widget measured it (the site's default when it names none).
  const { text } = new PageRoots(html, null).textOf(extras.root ?? null);
  const start = text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in the page`);
  const end = start + exact.length;
  return {
    site: page.site,
    url: page.url,
    title: 'Harbour bridge',
    quote: {
      exact,
      prefix: text.slice(Math.max(0, start - FINGERPRINT_CONTEXT), start),
      suffix: text.slice(end, end + FINGERPRINT_CONTEXT),
    },
    position: { start, end },
    ...extras,
  };
}

/** Sends a report through the real ingest path; returns its receipt. */
export async function report(ingest: ReportIngest, input: ReportInput) {
  const { receipt } = await ingest.ingest(input, { ip: '203.0.113.9', origin: undefined, requestOrigin: '' });
  return receipt;
}

/** A site (public key `<id>-key`) whose pages are at `origin`, optionally marked local. */
export async function addCheckedSite(
  store: Store,
  id: string,
  origin: string,
  flags: { local?: boolean; publicLog?: boolean } = {},
): Promise<void> {
  await addSite(store, id, origin);
  if (flags.local) await setSiteFlag(store.db, id, 'local', true);
  if (flags.publicLog) await setSiteFlag(store.db, id, 'publicLog', true);
}

/** Sends a report through POST /api/v1/reports, waiting for its grouping; returns its receipt with the erratum. */
export async function reportThroughApi(app: FastifyInstance, input: ReportInput): Promise<GroupedReceipt> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    payload: input as object,
  });
  if (response.statusCode !== 201) throw new Error(`report refused: ${response.body}`);
  const receipt = response.json() as ReportReceipt;
  if (!receipt.erratum) throw new Error(`report not grouped in time: ${response.body}`);
  return receipt as GroupedReceipt;
}

/** Marks an erratum fixed as an editor would (audited, status_changed_at set). */
export async function markFixed(store: Store, erratumId: string, at = new Date()): Promise<void> {
  await changeErratumStatus(store.db, {
    id: erratumId,
    status: 'fixed',
    actorId: null,
    eventId: newId(),
    now: at.toISOString(),
  });
}
