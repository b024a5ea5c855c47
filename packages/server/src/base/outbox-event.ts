/**
 * The events Errata tells the outside world about (webhooks, e-mail). Each is written to the
 * outbox in the same transaction as the change that caused it (store/outbox-store.ts), then
 * delivered at least once by jobs/delivery/worker.ts: consumers drop repeats by `id`.
 */

import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '@errata/core';

/** Every event type, in the order a settings screen lists them (defined in core for the dashboard). */
export const OUTBOX_EVENT_TYPES = NOTIFICATION_EVENT_TYPES;

/**
 * erratum.created: a reader reported a spot nobody had reported before.
 * erratum.reported: another reader reported a spot already known (a join).
 * erratum.status_changed: an editor (or the system) changed the status; data.from / data.to.
 * erratum.assigned: the assignee changed; data.assignee ({ id, email } or null).
 * erratum.noted: an editor wrote a note; data.note.
 * erratum.verified: the recheck found the quote replaced on the live page; data.replacedBy.
 * erratum.still_present: the recheck found the quote still on a page marked fixed.
 */
export type OutboxEventType = NotificationEventType;

export function isOutboxEventType(value: string): value is OutboxEventType {
  return (OUTBOX_EVENT_TYPES as readonly string[]).includes(value);
}

/** The erratum as it was right after the change, copied into every event that names one. */
export interface ErratumSnapshot {
  id: string;
  /** Normalised page URL. */
  url: string;
  /** The page's title when the widget sent one. */
  title: string | null;
  /** The text readers marked as wrong (≤ 500 characters). */
  quote: string;
  /** open | fixed | … (core's ErratumStatus). */
  status: string;
  /** How many reports the erratum had, this one included. */
  reports: number;
  /**
   * The correction to show: for erratum.created / erratum.reported the reader's suggestion in
   * that report, otherwise the most often suggested one; null when nobody suggested any.
   */
  suggestion: string | null;
}

/** What a caller of recordOutboxEvent passes as data: facts of the change (see OutboxEventType). */
export type OutboxEventDetails = Record<string, unknown>;

/** Data stored with an event: the caller's details plus the erratum snapshot the outbox adds. */
export interface OutboxEventData extends OutboxEventDetails {
  /** Present whenever the event names an erratum. */
  erratum?: ErratumSnapshot;
}

/** One stored event, as channels receive it. */
export interface OutboxEvent {
  /** Unique and stable across retries: consumers drop an id they have seen. */
  id: string;
  siteId: string;
  type: OutboxEventType;
  erratumId: string | null;
  data: OutboxEventData;
  /** ISO-8601 UTC time of the change. */
  createdAt: string;
}

/** What a caller records: the change's site, type, erratum and details. */
export interface OutboxEventInput {
  siteId: string;
  type: OutboxEventType;
  erratumId: string | null;
  data?: OutboxEventDetails;
}
