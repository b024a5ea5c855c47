import type { ErrataStrings } from '../../errata.d.ts';

/** Czech. */
const cs: ErrataStrings = {
  title: 'Nahlásit chybu',
  correction: 'Oprava',
  comment: 'Komentář',
  commentHint: 'Nepovinné',
  send: 'Odeslat',
  cancel: 'Zrušit',
  close: 'Zavřít',
  sending: 'Odesílá se…',
  thanks: 'Děkujeme! Redakce to uvidí.',
  tooLong: 'Výběr je příliš dlouhý. Označte nejvýše {max} znaků: slovo nebo větu.',
  selectFirst: 'Nejprve označte slova s chybou.',
  offline: 'Zdá se, že nejste připojeni k internetu. Odešleme to, jakmile budete zase online.',
  later: 'Server teď hlášení nemůže přijmout. Odešleme ho o něco později.',
  failed: 'Hlášení se nepodařilo odeslat. Zkuste to prosím znovu.',
  kind: 'Druh chyby',
  typo: 'Překlep',
  factual: 'Věcná chyba',
  link: 'Nefunkční odkaz nebo média',
  other: 'Jiné',
  email: 'Jednou mi napište, až to bude opraveno (nepovinné)',
  corrected: 'Chyba, kterou jste nahlásili v „{quote}“, byla opravena. Děkujeme!',
};
export default cs;
