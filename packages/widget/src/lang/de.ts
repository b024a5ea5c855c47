import type { ErrataStrings } from '../../errata.d.ts';

/** German (formal address). */
const de: ErrataStrings = {
  title: 'Fehler melden',
  correction: 'Korrektur',
  comment: 'Kommentar',
  commentHint: 'Optional',
  send: 'Senden',
  cancel: 'Abbrechen',
  close: 'Schließen',
  sending: 'Wird gesendet…',
  thanks: 'Vielen Dank! Die Redaktion wird es sehen.',
  tooLong: 'Die Auswahl ist zu lang. Bitte markieren Sie höchstens {max} Zeichen: ein Wort oder einen Satz.',
  selectFirst: 'Markieren Sie zuerst die Wörter mit dem Fehler.',
  offline: 'Sie scheinen offline zu sein. Wir senden die Meldung, sobald Sie wieder online sind.',
  later: 'Der Server kann die Meldung gerade nicht annehmen. Wir senden sie etwas später.',
  failed: 'Die Meldung konnte nicht gesendet werden. Bitte versuchen Sie es erneut.',
  kind: 'Art des Fehlers',
  typo: 'Tippfehler',
  factual: 'Sachlicher Fehler',
  link: 'Defekter Link oder Medium',
  other: 'Sonstiges',
  email: 'Per E-Mail benachrichtigen, wenn korrigiert (optional)',
  corrected: 'Der Fehler, den Sie in „{quote}“ gemeldet haben, wurde korrigiert. Danke!',
};
export default de;
