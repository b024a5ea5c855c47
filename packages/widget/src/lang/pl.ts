import type { ErrataStrings } from '../../errata.d.ts';

/** Polish. */
const pl: ErrataStrings = {
  title: 'Zgłoś błąd',
  correction: 'Poprawka',
  comment: 'Komentarz',
  commentHint: 'Opcjonalnie',
  send: 'Wyślij',
  cancel: 'Anuluj',
  close: 'Zamknij',
  sending: 'Wysyłanie…',
  thanks: 'Dziękujemy! Redakcja to zobaczy.',
  tooLong: 'Zaznaczony fragment jest za długi. Zaznacz najwyżej {max} znaków: słowo lub zdanie.',
  selectFirst: 'Najpierw zaznacz słowa z błędem.',
  offline:
    'Wygląda na to, że nie masz połączenia z internetem. Wyślemy zgłoszenie, gdy tylko wrócisz do sieci.',
  later: 'Serwer nie może teraz przyjąć zgłoszenia. Wyślemy je nieco później.',
  failed: 'Nie udało się wysłać zgłoszenia. Spróbuj ponownie.',
  kind: 'Rodzaj błędu',
  typo: 'Literówka',
  factual: 'Błąd merytoryczny',
  link: 'Niedziałający link lub multimedia',
  other: 'Inne',
  email: 'Powiadom mnie, gdy zostanie poprawione (opcjonalnie)',
  corrected: 'Błąd zgłoszony przez Ciebie w „{quote}” został poprawiony. Dziękujemy!',
};
export default pl;
