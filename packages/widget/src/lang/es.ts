import type { ErrataStrings } from '../../errata.d.ts';

/** Spanish. */
const es: ErrataStrings = {
  title: 'Informar de un error',
  correction: 'Corrección',
  comment: 'Comentario',
  commentHint: 'Opcional',
  send: 'Enviar',
  cancel: 'Cancelar',
  close: 'Cerrar',
  sending: 'Enviando…',
  thanks: '¡Gracias! La redacción lo verá.',
  tooLong:
    'La selección es demasiado larga. Selecciona como máximo {max} caracteres: una palabra o una frase.',
  selectFirst: 'Primero selecciona las palabras con el error.',
  offline: 'Parece que no tienes conexión. Lo enviaremos cuando vuelvas a estar en línea.',
  later: 'El servidor no puede recibir tu aviso ahora mismo. Lo enviaremos un poco más tarde.',
  failed: 'No se pudo enviar el aviso. Inténtalo de nuevo.',
  kind: 'Tipo de error',
  typo: 'Errata',
  factual: 'Error de datos',
  link: 'Enlace o contenido roto',
  other: 'Otro',
  email: 'Avíseme una vez por correo cuando se corrija (opcional)',
  corrected: 'El error que señaló en «{quote}» ha sido corregido. ¡Gracias!',
};
export default es;
