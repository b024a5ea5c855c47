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
  tooLong: 'النص المحدد طويل جدًا. حدّد {max} حرف على الأكثر.',
  selectFirst: 'حدّد أولًا الكلمات التي فيها الخطأ.',
  offline: 'لا يوجد اتصال بالإنترنت. سنرسل البلاغ فور عودته.',
  later: 'الخادم مشغول الآن. سنرسل البلاغ بعد قليل.',
  failed: 'تعذّر إرسال البلاغ. يُرجى المحاولة مرة أخرى.',
  kind: 'نوع الخطأ',
  typo: 'خطأ إملائي',
  factual: 'خطأ في المعلومات',
  link: 'رابط أو وسائط معطلة',
  other: 'أخرى',
  email: 'راسلني عند التصحيح (اختياري)',
  corrected: 'تم تصحيح الخطأ الذي أبلغت عنه في «{quote}». شكرًا لك!',
};
export default ar;
