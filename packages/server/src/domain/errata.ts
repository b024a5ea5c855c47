import type { ErrataPage, Erratum, ErratumStatus } from '@errata/core';
import { changeErratumStatus, findErratum, listErrata } from '../store/errata-store.ts';
import type { Store } from '../store/open-store.ts';
import { type Principal, requireRole, roleOn } from './access.ts';
import { ErrataError } from './errors.ts';
import { newId } from './ids.ts';
import type { LiveEvents } from './live-events.ts';

/** Errata per page when the caller does not say. */
export const ERRATA_PAGE_DEFAULT = 50;
/** Most errata per page. */
export const ERRATA_PAGE_MAX = 200;

/** A page of a site's errata for someone allowed to read them. */
export async function listSiteErrata(
  store: Store,
  principal: Principal,
  query: {
    site: string;
    status?: ErratumStatus | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
): Promise<ErrataPage> {
  await requireRole(store, principal, query.site, 'viewer');
  const limit = Math.min(query.limit ?? ERRATA_PAGE_DEFAULT, ERRATA_PAGE_MAX);
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  // One more than asked tells whether a next page exists without a count query.
  const rows = await listErrata(store.db, {
    siteId: query.site,
    ...(query.status ? { status: query.status } : {}),
    ...(after ? { after } : {}),
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, next: rows.length > limit && last ? encodeCursor(last) : null };
}

/** One erratum, for someone allowed to read its site. */
export async function getErratum(store: Store, principal: Principal, id: string): Promise<Erratum> {
  const erratum = await findErratum(store.db, id);
  if (!erratum) throw new ErrataError('not_found', `No erratum "${id}".`);
  // Same answer as a missing erratum: ids of other sites' errata reveal nothing.
  if ((await roleOn(store, principal, erratum.site)) === null) {
    throw new ErrataError('not_found', `No erratum "${id}".`);
  }
  return erratum;
}

/**
 * Sets an erratum's status (fixed, rejected, spam, open again …) as an editor; the change is
 * audited, and published to `events` with who made it so other editors' inboxes follow.
 */
export async function setErratumStatus(
  store: Store,
  principal: Principal,
  id: string,
  status: ErratumStatus,
  events?: LiveEvents,
): Promise<Erratum> {
  if (status === 'verified') {
    throw new ErrataError(
      'invalid',
      'An erratum becomes verified when a recheck sees the page corrected: mark it fixed.',
      {
        status: 'cannot be set by hand to verified',
      },
    );
  }
  const erratum = await getErratum(store, principal, id);
  await requireRole(store, principal, erratum.site, 'editor');
  if (erratum.status === status) return erratum;
  const actorId = principal.kind === 'user' ? principal.userId : null;
  await changeErratumStatus(store.db, {
    id,
    status,
    actorId,
    eventId: newId(),
    now: new Date().toISOString(),
  });
  const changed = await getErratum(store, principal, id);
  events?.publish({ type: 'erratum.updated', erratum: changed, cause: 'status', actorId });
  return changed;
}

function encodeCursor(erratum: Erratum): string {
  return Buffer.from(JSON.stringify([erratum.lastReportedAt, erratum.id])).toString('base64url');
}

function decodeCursor(cursor: string): { lastReportedAt: string; id: string } {
  try {
    const [lastReportedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof lastReportedAt === 'string' && typeof id === 'string') return { lastReportedAt, id };
  } catch {
    // falls through to the refusal below
  }
  throw new ErrataError('invalid', 'The cursor is not one this server made: start again without it.', {
    cursor: 'is not valid',
  });
}
