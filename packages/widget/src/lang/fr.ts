import type { ErrataStrings } from '../../errata.d.ts';

/** French (no-break spaces before ! and :). */
const fr: ErrataStrings = {
  title: 'Signaler une erreur',
  correction: 'Correction',
  comment: 'Commentaire',
  commentHint: 'Facultatif',
  send: 'Envoyer',
  cancel: 'Annuler',
  close: 'Fermer',
  sending: 'Envoi en cours…',
  thanks: 'Merci ! La rédaction le verra.',
  tooLong: 'La sélection est trop longue. Sélectionnez au plus {max} caractères : un mot ou une phrase.',
  selectFirst: 'Sélectionnez d’abord les mots qui contiennent l’erreur.',
  offline: 'Vous semblez être hors ligne. Nous l’enverrons dès votre retour en ligne.',
  later:
    'Le serveur ne peut pas recevoir votre signalement pour l’instant. Nous l’enverrons un peu plus tard.',
  failed: 'Le signalement n’a pas pu être envoyé. Veuillez réessayer.',
  kind: 'Type d’erreur',
  typo: 'Coquille',
  factual: 'Erreur factuelle',
  link: 'Lien ou média cassé',
  other: 'Autre',
  email: 'M’écrire une fois quand ce sera corrigé (facultatif)',
  corrected: 'L’erreur que vous avez signalée dans « {quote} » a été corrigée. Merci !',
};
export default fr;
