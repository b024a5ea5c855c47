import { type EmailMode, INSTANT_FROM_MAX } from '@errata/core';

/** An editor's e-mail choice for one site, as the API takes it. */
export interface EmailPreferences {
  mode: EmailMode;
  /** Instant mode: mail when a spot reaches this many reports (1: every new erratum). */
  instantFrom: number;
}

/** The API's answer: the choice, and whether the server can send mail at all. */
export interface EmailPreferencesAnswer extends EmailPreferences {
  /** False when the server has no SMTP server set: nothing is sent whatever the choice. */
  mailConfigured: boolean;
}

/**
 * Reads the "only from the N-th report" field: a whole number from 1 to INSTANT_FROM_MAX,
 * or a sentence saying what is wrong.
 * @example parseInstantFrom('3') // { value: 3 }
 */
export function parseInstantFrom(text: string): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'Enter the report number, e.g. 1 for every new erratum.' };
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < 1 || value > INSTANT_FROM_MAX) {
    return { error: `Enter a whole number from 1 to ${INSTANT_FROM_MAX}.` };
  }
  return { value };
}
