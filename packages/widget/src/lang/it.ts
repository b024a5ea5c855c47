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
};
export default it;
