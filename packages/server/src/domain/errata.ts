import type { ErrataPage, Erratum } from '@errata/core';
import { findErratum } from '../store/errata-store.ts';
import { listInbox } from '../store/inbox-list.ts';
import type { Store } from '../store/open-store.ts';
import { type Principal, requireRole, roleOn } from './access.ts';
import { ErrataError } from './errors.ts';
import { decodeInboxCursor, encodeInboxCursor, type InboxQuery, inboxFilterOf } from './inbox-query.ts';

/** Errata per page when the caller does not say. */
export const ERRATA_PAGE_DEFAULT = 50;
/** Most errata per page. */
export const ERRATA_PAGE_MAX = 200;

/**
 * A page of a site's inbox for someone allowed to read it: filtered, in the asked order
 * (priority by default), continuing after `cursor`.
 */
export async function listSiteErrata(
  store: Store,
  principal: Principal,
  query: InboxQuery,
): Promise<ErrataPage> {
  await requireRole(store, principal, query.site, 'viewer');
  const sort = query.sort ?? 'priority';
  const filter = inboxFilterOf(query, principal);
  const limit = Math.min(query.limit ?? ERRATA_PAGE_DEFAULT, ERRATA_PAGE_MAX);
  const after = query.cursor === undefined ? undefined : decodeInboxCursor(sort, query.cursor);
  // One more than asked tells whether a next page exists without a count query.
  const rows = await listInbox(store.db, filter, sort, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => row.erratum),
    next:
      rows.length > limit && last ? encodeInboxCursor(sort, { key: last.key, id: last.erratum.id }) : null,
  };
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
