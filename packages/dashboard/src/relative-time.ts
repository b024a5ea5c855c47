const MINUTE = 60_000; // Milliseconds in a minute.
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const JUST_NOW = 45_000; // Below this, a count of minutes is noise; clocks also drift a little.
const DAYS_SHOWN = 7; // Past a week, a date reads better than "23 days ago".

const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });
const shortDateWithYear = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const fullDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

function startOfDay(time: Date): number {
  return new Date(time.getFullYear(), time.getMonth(), time.getDate()).getTime();
}

/**
 * How long ago a moment was, the way an editor says it: "just now", "5 min ago", "3 h ago",
 * "yesterday", "4 days ago", then a date ("12 Mar", "12 Mar 2024" for another year).
 * A moment in the future (a server clock ahead of ours) reads "just now".
 * @example relativeTime(new Date('2025-03-12T10:00:00'), new Date('2025-03-12T10:05:00')) === '5 min ago'
 */
export function relativeTime(then: Date, now: Date): string {
  const elapsed = now.getTime() - then.getTime();
  if (Number.isNaN(elapsed)) return 'at an unknown time';
  if (elapsed < JUST_NOW) return 'just now';
  if (elapsed < HOUR) return `${Math.max(1, Math.floor(elapsed / MINUTE))} min ago`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)} h ago`;
  const days = Math.round((startOfDay(now) - startOfDay(then)) / DAY);
  if (days <= 1) return 'yesterday';
  if (days < DAYS_SHOWN) return `${days} days ago`;
  return then.getFullYear() === now.getFullYear() ? shortDate.format(then) : shortDateWithYear.format(then);
}

/** The full local date and time of a moment, for a title attribute beside a relative time. */
export function fullDateTime(time: Date): string {
  return Number.isNaN(time.getTime()) ? '' : fullDate.format(time);
}
