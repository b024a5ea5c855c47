import type { ErrataStrings } from '../../errata.d.ts';

/** Italian. */
const it: ErrataStrings = {
  title: 'Segnala un errore',
  correction: 'Correzione',
  comment: 'Commento',
  commentHint: 'Facoltativo',
  send: 'Invia',
  cancel: 'Annulla',
  close: 'Chiudi',
  sending: 'Invio in corso…',
  thanks: 'Grazie! La redazione la vedrà.',
  tooLong: 'La selezione è troppo lunga. Seleziona al massimo {max} caratteri: una parola o una frase.',
  selectFirst: 'Seleziona prima le parole con l’errore.',
  offline: 'Sembra che tu sia offline. Invieremo la segnalazione appena sarai di nuovo online.',
  later: 'Il server non può ricevere la segnalazione in questo momento. La invieremo un po’ più tardi.',
  failed: 'Non è stato possibile inviare la segnalazione. Riprova.',
  kind: 'Tipo di errore',
  typo: 'Refuso',
  factual: 'Errore di fatto',
  link: 'Link o media non funzionanti',
  other: 'Altro',
  email: 'Avvisatemi una volta via e-mail quando sarà corretto (facoltativo)',
  corrected: 'L’errore che hai segnalato in «{quote}» è stato corretto. Grazie!',
};
export default it;
