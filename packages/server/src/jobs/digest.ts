import type { Erratum } from '@errata/core';
import type { FastifyBaseLogger } from 'fastify';
import { newId } from '../base/ids.ts';
import { composeDigestMail } from '../mail/compose-digest.ts';
import { editorUnsubscribeUrl, type MailContext } from '../mail/mail-context.ts';
import { smtpRefusal } from '../mail/transport.ts';
import {
  claimDigestRun,
  forgetDigestRun,
  previousDigestAt,
  pruneDigestRuns,
  recentOpenErrata,
} from '../store/digest-runs-store.ts';
import { listDigestSites, listRecipients } from '../store/email-preferences-store.ts';
import { findErrata } from '../store/errata-store.ts';
import { acquireLease, releaseLease } from '../store/leases-store.ts';
import { findSite } from '../store/sites-store.ts';
import { type Periodic, runPeriodically } from './periodic.ts';

/** How often the scheduler looks whether digests are due, by default (ERRATA_DIGEST_POLL). */
const TICK_MS = 60_000;
/**
 * How long one tick's lease lasts, in ticks: longer than a tick, so the holder keeps it;
 * short, so a dead holder's passes soon (3 minutes by default).
 */
const LEASE_TICKS = 3;
/** The lease's name in the leases table. */
const LEASE_NAME = 'digest';
/** Errata one digest lists; the rest are counted ("…and 12 more"). */
export const DIGEST_ERRATA_MAX = 50;
/** A digest covers the errata reported since the editor's previous digest, or the last day for a first one. */
const DIGEST_WINDOW_MS = 24 * 60 * 60 * 1000;
/** …but never more than a week back (an editor who chose the digest again after a long pause). */
const DIGEST_WINDOW_MAX_MS = 7 * DIGEST_WINDOW_MS;
/** Records of sent digests kept: longer than the longest window, which is all they are read for. */
const DIGEST_RUNS_KEPT_MS = 4 * DIGEST_WINDOW_MAX_MS;

/**
 * Sends each editor in digest mode one mail a day per site, at or after `hour` (UTC). With
 * several server instances only the holder of the database lease "digest" works. Each
 * digest is recorded in digest_runs before it is sent, so neither a second instance nor a
 * restart sends it again. That makes digests "at most once": a crash between the record
 * and the SMTP server's answer loses that day's digest; a failure the server reports is
 * forgotten and retried on the next tick, unless it is final (5xx).
 */
export class DigestScheduler {
  /** This instance's name in the lease. */
  readonly holder = newId();
  private loop: Periodic | null = null;

  constructor(
    private readonly context: MailContext,
    private readonly options: { hour: number; pollMs?: number; log?: FastifyBaseLogger },
  ) {}

  /** Ticks now and then every minute (or `pollMs`). */
  start(): void {
    this.loop ??= runPeriodically(
      () => this.tick(),
      this.options.pollMs ?? TICK_MS,
      (error) => this.options.log?.warn({ err: error }, 'could not send the daily digests'),
    );
  }

  /** Stops ticking, waits for a tick under way, and gives the lease up for another instance. */
  async stop(): Promise<void> {
    await this.loop?.stop();
    this.loop = null;
    await releaseLease(this.context.store.db, LEASE_NAME, this.holder);
  }

  /** One look: sends the digests due at `now`; returns how many were sent. */
  async tick(now = new Date()): Promise<number> {
    if (now.getUTCHours() < this.options.hour) return 0;
    const { db } = this.context.store;
    const held = await acquireLease(db, {
      name: LEASE_NAME,
      holder: this.holder,
      now: now.toISOString(),
      expiresAt: new Date(now.getTime() + LEASE_TICKS * (this.options.pollMs ?? TICK_MS)).toISOString(),
    });
    if (!held) return 0;
    const keepFrom = new Date(now.getTime() - DIGEST_RUNS_KEPT_MS).toISOString().slice(0, 10);
    await pruneDigestRuns(db, keepFrom);
    let sent = 0;
    for (const siteId of await listDigestSites(db)) sent += await this.sendSiteDigests(siteId, now);
    return sent;
  }

  private async sendSiteDigests(siteId: string, now: Date): Promise<number> {
    const { db } = this.context.store;
    const day = now.toISOString().slice(0, 10);
    const site = await findSite(db, siteId);
    if (!site) return 0;
    // Editors whose previous digests went out at the same time share one listing.
    const listings = new Map<string, { errata: Erratum[]; total: number }>();
    let sent = 0;
    for (const recipient of await listRecipients(db, [siteId], 'digest')) {
      const run = { siteId, userId: recipient.userId, day, now: now.toISOString() };
      if (!(await claimDigestRun(db, run))) continue;
      const since = digestSince(now, await previousDigestAt(db, run));
      let listing = listings.get(since);
      if (!listing) {
        const recent = await recentOpenErrata(db, siteId, since, DIGEST_ERRATA_MAX);
        const found = new Map((await findErrata(db, recent.ids)).map((e) => [e.id, e]));
        listing = { errata: recent.ids.flatMap((id) => found.get(id) ?? []), total: recent.total };
        listings.set(since, listing);
      }
      // A day without new errata is recorded as done, without a mail saying "nothing".
      if (listing.errata.length === 0) continue;
      const message = composeDigestMail({
        to: recipient.email,
        siteName: site.name,
        day,
        since,
        errata: listing.errata,
        more: listing.total - listing.errata.length,
        publicUrl: this.context.publicUrl,
        unsubscribeUrl: editorUnsubscribeUrl(this.context, recipient.userId, siteId),
      });
      try {
        await this.context.mailer.send(message);
        sent++;
      } catch (error) {
        const refusal = smtpRefusal(error);
        // A passing failure is tried again on the next tick; a final refusal (no such mailbox)
        // keeps the day recorded, or the same refusal would repeat every minute until midnight.
        if (!refusal.permanent) await forgetDigestRun(db, run);
        this.options.log?.warn(
          { err: error, siteId, userId: recipient.userId, smtpCode: refusal.code },
          refusal.permanent
            ? 'the mail server refused a digest for good'
            : 'could not send a digest; trying again',
        );
      }
    }
    return sent;
  }
}

/**
 * Where an editor's digest starts: at their previous digest, so a digest sent late (the
 * server was down at the hour) misses nothing and repeats nothing; a day back for a first one.
 */
function digestSince(now: Date, previous: string | null): string {
  const dayBack = now.getTime() - DIGEST_WINDOW_MS;
  if (previous === null) return new Date(dayBack).toISOString();
  return new Date(Math.max(Date.parse(previous), now.getTime() - DIGEST_WINDOW_MAX_MS)).toISOString();
}
