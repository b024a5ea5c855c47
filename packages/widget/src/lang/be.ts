import type { ErrataStrings } from '../../errata.d.ts';

/** Belarusian (official orthography). */
const be: ErrataStrings = {
  title: 'Паведаміць пра памылку',
  correction: 'Выпраўленне',
  comment: 'Каментарый',
  commentHint: 'Неабавязкова',
  send: 'Адправіць',
  cancel: 'Скасаваць',
  close: 'Закрыць',
  sending: 'Адпраўляем…',
  thanks: 'Дзякуй! Рэдакцыя ўбачыць.',
  tooLong: 'Задоўгі фрагмент. Вылучыце да {max} сімвалаў.',
  selectFirst: 'Спачатку вылучыце памылку.',
  offline: 'Няма сувязі. Адправім, калі яна з’явіцца.',
  later: 'Сервер заняты. Адправім крыху пазней.',
  failed: 'Не адпраўлена. Паспрабуйце яшчэ раз.',
  kind: 'Тып памылкі',
  typo: 'Апячатка',
  factual: 'Памылка ў фактах',
  link: 'Спасылка ці медыя не працуе',
  other: 'Іншае',
  email: 'Напісаць, калі выправяць (неабавязкова)',
  corrected: 'Памылку, пра якую вы паведамілі ў «{quote}», выпраўлена. Дзякуй!',
};
export default be;
