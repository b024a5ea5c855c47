import type { ErratumHistoryEvent, ErratumStatus } from '@errata/core';

const STATUS_NAMES: Record<ErratumStatus, string> = {
  open: 'open',
  fixed: 'fixed',
  verified: 'verified on the page',
  rejected: 'not a mistake',
  spam: 'spam',
};

const CHECK_NAMES: Record<string, string> = {
  still_there: 'the mistake is still on the page',
  replaced: 'the words were replaced on the page',
  possibly_fixed: 'the mistake may have been fixed',
  unreachable: 'the page could not be reached',
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function statusName(value: unknown): string | null {
  const status = text(value);
  return status === null ? null : (STATUS_NAMES[status as ErratumStatus] ?? status);
}

/** The assignee an `assigned` event names: its e-mail when the server sent one, else "nobody". */
function assigneeOf(data: Record<string, unknown>): string {
  const nested = data.assignee;
  if (typeof nested === 'object' && nested !== null) {
    const email = text((nested as { email?: unknown }).email);
    if (email) return email;
  }
  return (
    text(data.assigneeEmail) ?? text(data.email) ?? (data.assigneeId || data.to ? 'another editor' : 'nobody')
  );
}

/**
 * What happened, in a sentence for the audit log: "marked it as fixed (was open)". Unknown
 * event types still say something, so a newer server never shows a blank line.
 */
export function describeHistoryEvent(event: ErratumHistoryEvent): string {
  const data = event.data ?? {};
  switch (event.type) {
    case 'status_changed': {
      const to = statusName(data.to ?? data.status);
      const from = statusName(data.from);
      if (to === null) return 'changed the status';
      if (data.from === 'spam' && (data.to ?? data.status) === 'open') return 'restored it from spam';
      return `marked it as ${to}${from ? ` (was ${from})` : ''}`;
    }
    case 'assigned':
      return `assigned it to ${assigneeOf(data)}`;
    case 'note':
      return 'added a note';
    case 'public_note':
      return text(data.to) === null ? 'removed the public note' : 'set the public note';
    case 'held_as_spam': {
      const reasons = Array.isArray(data.reasons) ? data.reasons.filter((r) => typeof r === 'string') : [];
      return `held it as spam${reasons.length > 0 ? `: ${reasons.join(' ')}` : ''}`;
    }
    case 'checked': {
      const state = text(data.state);
      return `checked the page: ${(state && CHECK_NAMES[state]) ?? state ?? 'done'}`;
    }
    default:
      return event.type.replace(/_/g, ' ');
  }
}

/** Who did it: the editor's e-mail, or "Errata" for the system and API tokens. */
export function actorOf(event: ErratumHistoryEvent): string {
  return event.actor?.email ?? 'Errata';
}

/** The text of a note event, or null. */
export function noteText(event: ErratumHistoryEvent): string | null {
  return event.type === 'note' ? text(event.data?.text) : null;
}
