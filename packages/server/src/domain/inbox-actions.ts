import {
  type BulkErrataResult,
  type Erratum,
  type ErratumChangeCause,
  type ErratumDetail,
  type ErratumHistoryEvent,
  type ErratumPatch,
  SITE_WORD_MAX,
  textFragmentUrl,
} from '@errata/core';
import { newId } from '../base/ids.ts';
import { findErratum, findErratumWithAllComments } from '../store/errata-store.ts';
import {
  addErratumNote,
  assignErratum,
  isAssignableMember,
  setErratumPublicNote,
} from '../store/inbox-actions.ts';
import { listErratumHistory, listErratumReports } from '../store/inbox-history.ts';
import { cmsLinkTemplateOf } from '../store/inbox-sites.ts';
import type { Store } from '../store/open-store.ts';
import { addSiteWord, enqueueProofreadJob } from '../store/proofread-store.ts';
import { type Principal, requireRole } from './access.ts';
import { changeErratumStatus } from './decisions.ts';
import { getErratum } from './errata.ts';
import { ErrataError } from './errors.ts';
import type { LiveEvents } from './live-events.ts';
import { WORD_TEACHING_RULES } from './proofread.ts';
import { isShortWrongForm } from './same-mistake.ts';

/** Reports an erratum's detail lists; a spot reported more often shows its newest. */
export const DETAIL_REPORTS_MAX = 200;

/** An erratum with everything the detail view shows: all reader text, reports, history and links. */
export async function getErratumDetail(
  store: Store,
  principal: Principal,
  id: string,
): Promise<ErratumDetail> {
  const listed = await getErratum(store, principal, id);
  const erratum = (await findErratumWithAllComments(store.db, id)) ?? listed;
  const [reports, events, cmsTemplate] = await Promise.all([
    listErratumReports(store.db, id, DETAIL_REPORTS_MAX),
    listErratumHistory(store.db, id),
    cmsLinkTemplateOf(store.db, erratum.site),
  ]);
  return {
    erratum,
    reports,
    events,
    links: {
      page: textFragmentUrl(erratum.url, erratum.quote),
      cms: cmsTemplate ? cmsLink(cmsTemplate, erratum) : null,
    },
  };
}

/**
 * A site's CMS link for an erratum: {url} is the page URL and {id} the erratum's id, both
 * URL-encoded (for a query parameter); {path} is the page's path as it stands in a URL.
 */
export function cmsLink(template: string, erratum: Pick<Erratum, 'id' | 'url'>): string {
  let path = '';
  try {
    path = new URL(erratum.url).pathname;
  } catch {
    // a stored URL is always absolute; an empty path is the harmless fallback
  }
  return template
    .replaceAll('{url}', encodeURIComponent(erratum.url))
    .replaceAll('{path}', path)
    .replaceAll('{id}', encodeURIComponent(erratum.id));
}

/** PATCH /api/v1/errata/:id: a status change and/or an assignment, as an editor. */
export async function patchErratum(
  store: Store,
  principal: Principal,
  id: string,
  patch: ErratumPatch,
  events?: LiveEvents,
): Promise<Erratum> {
  checkPatch(patch);
  const erratum = await getErratum(store, principal, id);
  await requireRole(store, principal, erratum.site, 'editor');
  if (patch.assigneeId) await requireAssignable(store, erratum.site, patch.assigneeId);
  return applyPatch(store, principal, erratum, patch, events);
}

/** POST /api/v1/errata/:id/notes: an editor's note in the erratum's history. */
export async function addNote(
  store: Store,
  principal: Principal,
  id: string,
  text: string,
  events?: LiveEvents,
): Promise<ErratumHistoryEvent> {
  const note = text.trim();
  if (note === '') {
    throw new ErrataError('invalid', 'A note needs some text.', { text: 'must not be empty' });
  }
  const erratum = await getErratum(store, principal, id);
  await requireRole(store, principal, erratum.site, 'editor');
  const actorId = actorOf(principal);
  const now = new Date().toISOString();
  const eventId = newId();
  if (!(await addErratumNote(store.db, { id: eventId, erratumId: id, text: note, actorId, now }))) {
    throw new ErrataError('not_found', `No erratum "${id}".`);
  }
  await publish(store, id, 'note', actorId, events);
  const history = await listErratumHistory(store.db, id);
  const stored = history.find((event) => event.id === eventId);
  if (!stored) throw new Error(`the note ${eventId} was not stored`);
  return stored;
}

/**
 * PUT /api/v1/errata/:id/public-note: the note the public corrections log shows with the
 * correction (blank or null removes it), recorded in the erratum's history.
 */
export async function setPublicNote(
  store: Store,
  principal: Principal,
  id: string,
  text: string | null,
): Promise<{ note: string | null }> {
  const erratum = await getErratum(store, principal, id);
  await requireRole(store, principal, erratum.site, 'editor');
  const note = text?.trim() ? text.trim() : null;
  const change = {
    id: newId(),
    erratumId: id,
    note,
    actorId: actorOf(principal),
    now: new Date().toISOString(),
  };
  if (!(await setErratumPublicNote(store.db, change)))
    throw new ErrataError('not_found', `No erratum "${id}".`);
  return { note };
}

/**
 * POST /api/v1/errata/bulk: one change to many errata of one site. Each erratum changes in
 * its own transaction, so one that cannot change does not hold back the others; ids that
 * name nothing on the site (another site's, made up) are answered "not found", nothing more.
 */
export async function bulkChange(
  store: Store,
  principal: Principal,
  request: { site: string; ids: string[]; change: ErratumPatch },
  events?: LiveEvents,
): Promise<BulkErrataResult> {
  checkPatch(request.change);
  await requireRole(store, principal, request.site, 'editor');
  if (request.change.assigneeId) await requireAssignable(store, request.site, request.change.assigneeId);
  const result: BulkErrataResult = { updated: [], failed: [] };
  for (const id of new Set(request.ids)) {
    const erratum = await findErratum(store.db, id);
    if (!erratum || erratum.site !== request.site) {
      result.failed.push({ id, error: 'not found' });
      continue;
    }
    try {
      result.updated.push(await applyPatch(store, principal, erratum, request.change, events));
    } catch (error) {
      if (!(error instanceof ErrataError)) throw error;
      result.failed.push({ id, error: error.message });
    }
  }
  return result;
}

function checkPatch(patch: ErratumPatch): void {
  if (patch.status === undefined && patch.assigneeId === undefined) {
    throw new ErrataError('invalid', 'Say what to change: status, assigneeId or both.', {
      status: 'is required when assigneeId is absent',
    });
  }
  if (patch.status === 'verified') {
    throw new ErrataError(
      'invalid',
      'An erratum becomes verified when a recheck sees the page corrected: mark it fixed.',
      { status: 'cannot be set by hand to verified' },
    );
  }
}

async function requireAssignable(store: Store, siteId: string, userId: string): Promise<void> {
  if (!(await isAssignableMember(store.db, siteId, userId))) {
    throw new ErrataError(
      'invalid',
      `No editor or owner of "${siteId}" has the id "${userId}": assign a member who may triage.`,
      { assigneeId: 'is not an editor or owner of the site' },
    );
  }
}

/** Applies a checked patch to an erratum the caller may edit; publishes each change. */
async function applyPatch(
  store: Store,
  principal: Principal,
  erratum: Erratum,
  patch: ErratumPatch,
  events: LiveEvents | undefined,
): Promise<Erratum> {
  const actorId = actorOf(principal);
  const now = new Date().toISOString();
  if (patch.status !== undefined && patch.status !== erratum.status) {
    const correction = patch.status === 'fixed' ? correctionOf(erratum, patch.correction) : null;
    await changeErratumStatus(store.db, {
      id: erratum.id,
      status: patch.status,
      actorId,
      eventId: newId(),
      now,
      ...(correction !== null ? { correction } : {}),
    });
    await afterDecision(store, erratum, patch.status, correction, now);
    await publish(store, erratum.id, 'status', actorId, events);
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== (erratum.assignee?.id ?? null)) {
    await assignErratum(store.db, {
      id: erratum.id,
      assigneeId: patch.assigneeId,
      actorId,
      eventId: newId(),
      now,
    });
    await publish(store, erratum.id, 'assign', actorId, events);
  }
  const changed = await findErratum(store.db, erratum.id);
  if (!changed) throw new ErrataError('not_found', `No erratum "${erratum.id}".`);
  return changed;
}

/** The correction of a fix: the editor's, else the most suggested reader correction, else the proofreader's first suggestion. */
function correctionOf(erratum: Erratum, given: string | undefined): string | null {
  const correction = given?.trim() || erratum.suggestions[0]?.text || erratum.finding?.suggestions[0] || null;
  return correction ?? null;
}

/**
 * What a decision teaches the proofreader: a dismissed proofreader erratum of a word teaches
 * the site that word (taking the rejection back takes the word back: changeErratumStatus); a
 * fix of a short wrong form looks for it on its page's other places and the site's other pages.
 */
async function afterDecision(
  store: Store,
  erratum: Erratum,
  status: Erratum['status'],
  correction: string | null,
  now: string,
): Promise<void> {
  if (
    status === 'rejected' &&
    erratum.source === 'proofreader' &&
    erratum.finding &&
    WORD_TEACHING_RULES.includes(erratum.finding.rule)
  ) {
    const word = erratum.quote.exact.trim();
    if (word !== '' && word.length <= SITE_WORD_MAX) {
      await addSiteWord(store.db, {
        siteId: erratum.site,
        word,
        source: 'dismissed',
        now,
        taughtBy: erratum.id,
      });
    }
  }
  if (status === 'fixed' && correction !== null && isShortWrongForm(erratum.quote.exact, correction)) {
    await enqueueProofreadJob(store.db, {
      siteId: erratum.site,
      kind: 'same-mistake',
      url: erratum.url,
      trigger: 'fix',
      payload: { erratumId: erratum.id, wrong: erratum.quote.exact.trim(), correction },
      now,
    });
  }
}

async function publish(
  store: Store,
  id: string,
  cause: ErratumChangeCause,
  actorId: string | null,
  events: LiveEvents | undefined,
): Promise<void> {
  if (!events) return;
  const erratum = await findErratum(store.db, id);
  if (erratum) events.publish({ type: 'erratum.updated', erratum, cause, actorId });
}

function actorOf(principal: Principal): string | null {
  return principal.kind === 'user' ? principal.userId : null;
}
