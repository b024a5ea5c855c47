/**
 * Every text the reader sees, in one place so that translations can slot in later
 * (one object per language, picked from the report's lang). English only for now.
 */
export const strings = {
  title: 'Report a mistake',
  correction: 'Correction',
  comment: 'Comment',
  commentHint: 'Optional',
  send: 'Send',
  cancel: 'Cancel',
  close: 'Close',
  sending: 'Sending…',
  thanks: 'Thank you! The editors will see it.',
  /** `{max}` is replaced by QUOTE_EXACT_MAX. */
  tooLong:
    'The selection is too long to report. Please select at most {max} characters: a word or a sentence.',
  offline: 'Could not reach the server. Please try again.',
  tooMany: 'Too many reports were sent from here. Please try again later.',
  failed: 'The report could not be sent. Please try again.',
};

/** The strings of one language; a translation must provide them all. */
export type Strings = typeof strings;
