import type { ErrataStrings } from '../../errata.d.ts';

/** English: the widget's first language, and the one a reader gets when their language file fails to load. */
const en: ErrataStrings = {
  title: 'Report a mistake',
  correction: 'Correction',
  comment: 'Comment',
  commentHint: 'Optional',
  send: 'Send',
  cancel: 'Cancel',
  close: 'Close',
  sending: 'Sending…',
  thanks: 'Thank you! The editors will see it.',
  tooLong:
    'The selection is too long to report. Please select at most {max} characters: a word or a sentence.',
  selectFirst: 'Select the words with the mistake first.',
  offline: 'You seem to be offline. We’ll send it when you’re back.',
  later: 'The server can’t take your report right now. We’ll send it a little later.',
  failed: 'The report could not be sent. Please try again.',
  kind: 'Kind of mistake',
  typo: 'Typo',
  factual: 'Factual error',
  link: 'Broken link or media',
  other: 'Other',
  email: 'Email me once when it’s fixed (optional)',
  corrected: 'The mistake you reported in “{quote}” was corrected. Thank you.',
};
export default en;
