import type { ErrataStrings } from '../../errata.d.ts';

/** Arabic (Modern Standard; the dialog is right-to-left). */
const ar: ErrataStrings = {
  title: 'الإبلاغ عن خطأ',
  correction: 'التصحيح',
  comment: 'تعليق',
  commentHint: 'اختياري',
  send: 'إرسال',
  cancel: 'إلغاء',
  close: 'إغلاق',
  sending: 'جارٍ الإرسال…',
  thanks: 'شكرًا لك! سيطّلع عليه فريق التحرير.',
  tooLong: 'النص المحدد طويل جدًا. يُرجى تحديد {max} حرف على الأكثر: كلمة أو جملة.',
  selectFirst: 'حدّد أولًا الكلمات التي فيها الخطأ.',
  offline: 'يبدو أنك غير متصل بالإنترنت. سنرسل البلاغ فور عودة الاتصال.',
  later: 'لا يستطيع الخادم استلام البلاغ الآن. سنرسله بعد قليل.',
  failed: 'تعذّر إرسال البلاغ. يُرجى المحاولة مرة أخرى.',
};
export default ar;
