import type { ErrataStrings } from '../../errata.d.ts';

/** Portuguese (wording that reads naturally in Brazil and in Portugal). */
const pt: ErrataStrings = {
  title: 'Comunicar um erro',
  correction: 'Correção',
  comment: 'Comentário',
  commentHint: 'Opcional',
  send: 'Enviar',
  cancel: 'Cancelar',
  close: 'Fechar',
  sending: 'Envio em curso…',
  thanks: 'Obrigado! A redação vai ver.',
  tooLong: 'A seleção é longa demais. Selecione no máximo {max} caracteres: uma palavra ou uma frase.',
  selectFirst: 'Selecione primeiro as palavras com o erro.',
  offline: 'Parece que está sem acesso à internet. Enviaremos assim que o acesso voltar.',
  later: 'O servidor não pode receber a sua mensagem agora. Enviaremos um pouco mais tarde.',
  failed: 'Não foi possível enviar a mensagem. Tente novamente.',
  kind: 'Tipo de erro',
  typo: 'Erro de digitação',
  factual: 'Erro factual',
  link: 'Link ou mídia quebrados',
  other: 'Outro',
  email: 'Avise-me uma vez por e-mail quando for corrigido (opcional)',
  corrected: 'O erro que você apontou em “{quote}” foi corrigido. Obrigado!',
};
export default pt;
