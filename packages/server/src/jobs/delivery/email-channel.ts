import { isFinalStatus } from '@errata/core';
import type { OutboxEvent } from '../../base/outbox-event.ts';
import { composeInstantMail } from '../../mail/compose-instant.ts';
import { composeReaderThanksMail } from '../../mail/compose-reader-thanks.ts';
import { deliveryMessageId, editorUnsubscribeUrl, type MailContext } from '../../mail/mail-context.ts';
import { type MailMessage, smtpRefusal } from '../../mail/transport.ts';
import { type EmailRecipient, listRecipients } from '../../store/email-preferences-store.ts';
import { findErratum } from '../../store/errata-store.ts';
import {
  claimReaderContact,
  deleteReaderContact,
  listReaderContactsOfErratum,
  unclaimReaderContact,
} from '../../store/reader-contacts-store.ts';
import { findSite } from '../../store/sites-store.ts';
import type { DeliveryChannel, DeliveryResult } from './channel.ts';

/** Targets that are a reader's address kept for a thank-you: "reader:<report id>". Other targets are editors' user ids. */
const READER_TARGET = 'reader:';

const SENT: DeliveryResult = { ok: true, statusCode: 250, error: null };
/** Nothing to send any more (the editor unsubscribed, the reader was thanked): done, not failed. */
const NOTHING_TO_SEND: DeliveryResult = { ok: true, statusCode: null, error: null };

/**
 * E-mail as a delivery channel: instant mails to editors who chose them (when a spot reaches
 * their "from the N-th report"), and the reader's single thank-you when a fix is verified.
 */
export function emailChannel(context: MailContext): DeliveryChannel {
  return {
    kind: 'email',
    targetsFor: async (db, events) => {
      const instant = events.filter((e) => e.type === 'erratum.created' || e.type === 'erratum.reported');
      const recipients =
        instant.length === 0
          ? []
          : await listRecipients(db, [...new Set(instant.map((e) => e.siteId))], 'instant');
      const now = new Date().toISOString();
      const targets: string[][] = [];
      for (const event of events) {
        if (event.type === 'erratum.created' || event.type === 'erratum.reported') {
          targets.push(instantTargets(recipients, event));
        } else if (isVerified(event) && event.erratumId !== null) {
          // Rare (one per verified fix): asked one by one.
          const contacts = await listReaderContactsOfErratum(db, event.erratumId, now);
          targets.push(contacts.map((c) => `${READER_TARGET}${c.reportId}`));
        } else {
          targets.push([]);
        }
      }
      return targets;
    },
    deliver: (event, targetId) =>
      targetId.startsWith(READER_TARGET)
        ? deliverReaderThanks(context, event, targetId.slice(READER_TARGET.length))
        : deliverInstant(context, event, targetId),
  };
}

function isVerified(event: OutboxEvent): boolean {
  return (
    event.type === 'erratum.verified' ||
    (event.type === 'erratum.status_changed' && event.data.to === 'verified')
  );
}

/** The report count this event brought the spot to: an editor's mail goes out exactly once, at their N. */
function reportsOf(event: OutboxEvent): number {
  const reports = event.data.erratum?.reports;
  if (typeof reports === 'number') return reports;
  return event.type === 'erratum.created' ? 1 : 0;
}

/** The editors whose instant mail this event's report count reaches, of the sites' instant recipients. */
function instantTargets(recipients: readonly EmailRecipient[], event: OutboxEvent): string[] {
  const reports = reportsOf(event);
  // A spot an editor decided was no mistake (rejected, spam): more reports of it are not worth a mail.
  if (reports < 1 || isFinalStatus(event.data.erratum?.status ?? '')) return [];
  return recipients
    .filter((r) => r.siteId === event.siteId && r.instantFrom === reports)
    .map((r) => r.userId);
}

async function deliverInstant(
  context: MailContext,
  event: OutboxEvent,
  userId: string,
): Promise<DeliveryResult> {
  const { db } = context.store;
  // The editor may have unsubscribed or left the site since the event: then nothing is sent.
  const [recipient] = await listRecipients(db, [event.siteId], 'instant', userId);
  if (!recipient || event.erratumId === null) return NOTHING_TO_SEND;
  const [erratum, site] = await Promise.all([findErratum(db, event.erratumId), findSite(db, event.siteId)]);
  if (!erratum || !site) return NOTHING_TO_SEND;
  return send(context, {
    ...composeInstantMail({
      to: recipient.email,
      siteName: site.name,
      erratum,
      reports: reportsOf(event),
      publicUrl: context.publicUrl,
      unsubscribeUrl: editorUnsubscribeUrl(context, userId, event.siteId),
    }),
    messageId: deliveryMessageId(context, event.id, userId),
  });
}

/**
 * The reader's thank-you: the address is claimed first (so a repeated event or a second
 * instance cannot mail it twice), given back if the mail fails (the worker retries), and
 * deleted once the mail is accepted (or refused for good).
 */
async function deliverReaderThanks(
  context: MailContext,
  event: OutboxEvent,
  reportId: string,
): Promise<DeliveryResult> {
  const { db } = context.store;
  if (event.erratumId === null) return NOTHING_TO_SEND;
  const [erratum, site] = await Promise.all([findErratum(db, event.erratumId), findSite(db, event.siteId)]);
  if (!erratum || !site) return NOTHING_TO_SEND;
  const contact = await claimReaderContact(db, reportId, new Date().toISOString());
  if (!contact) return NOTHING_TO_SEND;
  // The recheck's event says what replaced the quote; a status change leaves it to the last check.
  const replacedBy =
    typeof event.data.replacedBy === 'string' ? event.data.replacedBy : erratum.check?.replacedBy;
  const result = await send(context, {
    ...composeReaderThanksMail({
      to: contact.email,
      siteName: site.name,
      quote: erratum.quote.exact,
      correction: typeof replacedBy === 'string' && replacedBy !== '' ? replacedBy : null,
      url: erratum.url,
      title: erratum.title,
    }),
    messageId: deliveryMessageId(context, event.id, `${READER_TARGET}${reportId}`),
  });
  // A permanent refusal (no such mailbox) will not improve: the address goes as after a sent mail.
  if (result.ok || result.permanent) await deleteReaderContact(db, reportId);
  else await unclaimReaderContact(db, reportId);
  return result;
}

async function send(context: MailContext, message: MailMessage): Promise<DeliveryResult> {
  try {
    await context.mailer.send(message);
    return SENT;
  } catch (error) {
    const refusal = smtpRefusal(error);
    return {
      ok: false,
      statusCode: refusal.code,
      error: refusal.message,
      ...(refusal.permanent ? { permanent: true } : {}),
    };
  }
}
