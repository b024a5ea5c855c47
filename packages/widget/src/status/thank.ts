import type { ErrataLanguage } from '../../errata.d.ts';
import type { StatusContext } from '../contract.ts';
import { dueToAsk, markAsked, readReceipts, writeReceipts } from '../delivery/receipts.ts';
import { createHost, h } from '../dialog/element.ts';
import { directionOf } from '../dialog/strings.ts';
import { TOAST_HOST_ID } from '../hosts.ts';
import { correctedReports } from './corrected-reports.ts';

/** Each language's thank-you sentence and close button, from src/lang/ (put in by build.ts). */
declare const __ERRATA_THANKS__: Record<string, { corrected: string; close: string }>;

/** Reported words longer than this are cut in the thank-you, which stays one or two lines. */
const QUOTE_SHOWN_MAX = 60;
/** Thank-yous shown at once; the reader is thanked for the rest all the same (their ids are forgotten too). */
const SHOWN_MAX = 3;
/** Delay before the text goes in: a live region announces changes, not what it held when it appeared. */
const ANNOUNCE_DELAY_MS = 100;

/**
 * Asks the server about the reports this reader sent to the site, and thanks them once, in a
 * polite live region they can dismiss, for each one whose mistake was corrected; those ids
 * are then forgotten, so the thank-you does not come back.
 */
export async function thank({ config, lang }: StatusContext): Promise<void> {
  const kept = readReceipts(config.site);
  if (kept.length === 0) {
    // Expired ids leave storage even when none is left to ask about.
    writeReceipts(config.site, kept);
    return markAsked(config.site, false);
  }
  if (!dueToAsk(config.site)) return;
  const corrected = await correctedReports(
    config.endpoint,
    config.site,
    kept.map((receipt) => receipt.id),
  );
  if (!corrected) return; // No answer: asked again on the next page.
  const thanked = new Set(corrected.map((report) => report.id));
  // Read again: another tab may have kept a new id meanwhile.
  const left = readReceipts(config.site).filter((receipt) => !thanked.has(receipt.id));
  writeReceipts(config.site, left);
  markAsked(config.site, left.length > 0);
  if (corrected.length === 0) return;
  const strings = { ...__ERRATA_THANKS__[lang], ...window.ErrataConfig?.strings?.[lang as ErrataLanguage] };
  const { corrected: sentence = '', close: closeLabel = '' } = strings;
  showThanks(
    // A function as the replacement: the reader's words may hold `$&` and the like, which a string would expand.
    corrected.slice(0, SHOWN_MAX).map((report) => sentence.replace('{quote}', () => shortened(report.quote))),
    closeLabel,
    lang,
  );
}

/** The reported words as shown: whitespace collapsed, cut at QUOTE_SHOWN_MAX characters. */
function shortened(quote: string): string {
  const words = Array.from(quote.replace(/\s+/g, ' ').trim());
  return words.length > QUOTE_SHOWN_MAX ? `${words.slice(0, QUOTE_SHOWN_MAX - 1).join('')}…` : words.join('');
}

/** A discreet toast at the bottom of the screen, with a Close button; the reader's words go in as text only. */
function showThanks(sentences: string[], closeLabel: string, lang: string): void {
  const shadow = createHost(TOAST_HOST_ID, {
    position: 'fixed',
    left: '12px',
    right: '12px',
    bottom: '24px',
    display: 'flex',
    'justify-content': 'center',
  });
  const region = h('div', { role: 'status' });
  const close = h('button', { type: 'button' }, closeLabel);
  close.addEventListener('click', () => shadow.host.remove());
  shadow.append(
    h('div', { class: 'toast', lang, dir: directionOf(lang) }, region, h('div', { class: 'actions' }, close)),
  );
  document.body.append(shadow.host);
  setTimeout(() => region.append(...sentences.map((sentence) => h('p', {}, sentence))), ANNOUNCE_DELAY_MS);
}
