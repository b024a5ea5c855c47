import { COMMENT_MAX, IGNORE_ATTRIBUTE, QUOTE_EXACT_MAX, SUGGESTION_MAX, sentenceAround } from '@errata/core';
import type { ReportDraft } from './capture.ts';
import { adoptStyles } from './dialog-styles.ts';
import { completeReport, sendReport } from './send.ts';
import { isReportShortcut } from './shortcut.ts';
import { strings } from './strings.ts';
import { HOST_ID, isDialogOpen } from './widget-host.ts';

/** How long the thank-you stays before the dialog closes by itself: time to read one sentence. */
const THANKS_CLOSE_MS = 4000;
/** The host's own style: nothing inherited from the page, out of the page's flow, above it. */
const HOST_STYLE: Record<string, string> = { all: 'initial', position: 'fixed', 'z-index': '2147483647' };

/** An element with attributes and children; strings become text nodes, never markup. */
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const name in attributes) element.setAttribute(name, attributes[name] as string);
  element.append(...children);
  return element;
}

/**
 * Opens the report dialog for a captured selection: the quote in its sentence, the
 * correction and comment fields, Send and Cancel. It lives in an open shadow root on a host
 * appended to <body> (marked so the text model skips it), in the top layer as a modal.
 */
export function openDialog(draft: ReportDraft, endpoint: string): void {
  if (isDialogOpen()) return;
  const returnFocus = document.activeElement as HTMLElement | null;
  // A custom element name: page rules written for div or span do not match it.
  const host = document.createElement('errata-widget');
  host.id = HOST_ID;
  host.setAttribute(IGNORE_ATTRIBUTE, '');
  // Inline !important beats any page rule aimed at the host, even an !important one; set
  // through CSSOM (not a style attribute) so that a CSP forbidding inline styles allows it.
  for (const property in HOST_STYLE)
    host.style.setProperty(property, HOST_STYLE[property] as string, 'important');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow);

  const status = h('p', { role: 'status', id: 'errata-status' });
  const say = (text: string, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
  };
  const cancel = h('button', { type: 'button' }, strings.cancel);
  const actions = h('div', { class: 'actions' }, cancel);
  const dialog = h('dialog', {
    role: 'dialog',
    'aria-modal': 'true',
    'aria-labelledby': 'errata-title',
    'aria-describedby': 'errata-quote',
  });
  const heading = h('h2', { id: 'errata-title' }, strings.title);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    // Removing the host takes the modal out of the top layer too.
    host.remove();
    returnFocus?.focus?.();
  };
  cancel.addEventListener('click', close);
  // The browser may close a modal on its own (Esc, Android's back gesture): clean up the same way.
  dialog.addEventListener('close', close);

  let submit = () => {};
  if (Array.from(draft.quote.exact).length > QUOTE_EXACT_MAX) {
    // Nothing to send: the message replaces the form, and Cancel becomes Close.
    cancel.textContent = strings.close;
    say(strings.tooLong.replace('{max}', String(QUOTE_EXACT_MAX)));
    dialog.setAttribute('aria-describedby', status.id);
    dialog.append(heading, status, actions);
  } else {
    const sentence = sentenceAround(draft.quote);
    const field = (name: string, label: string, maxLength: number, rows: number) => {
      const input = h('textarea', {
        id: `errata-${name}`,
        name,
        rows: String(rows),
        maxlength: String(maxLength),
      });
      return [h('label', { for: input.id }, label), input] as const;
    };
    const [suggestionLabel, suggestion] = field('suggestion', strings.correction, SUGGESTION_MAX, 2);
    const [commentLabel, comment] = field('comment', strings.comment, COMMENT_MAX, 3);
    suggestion.value = draft.quote.exact;
    comment.placeholder = strings.commentHint;
    const fields = h('div', {}, suggestionLabel, suggestion, commentLabel, comment);
    const send = h('button', { type: 'submit' }, strings.send);
    actions.append(send);
    const form = h(
      'form',
      {},
      heading,
      h('blockquote', { id: 'errata-quote' }, sentence.before, h('mark', {}, sentence.exact), sentence.after),
      fields,
      status,
      actions,
    );
    dialog.append(form);

    let sending = false;
    submit = async () => {
      if (sending || send.hidden) return;
      sending = true;
      send.disabled = true;
      say(strings.sending);
      const outcome = await sendReport(endpoint, completeReport(draft, suggestion.value, comment.value));
      sending = false;
      send.disabled = false;
      if ('error' in outcome) {
        // The typed text stays for a retry; a button disabled while focused has lost the focus.
        say(outcome.error, true);
        if (!shadow.activeElement) send.focus();
        return;
      }
      fields.hidden = true;
      send.hidden = true;
      cancel.textContent = strings.close;
      say(strings.thanks);
      cancel.focus();
      timer = setTimeout(close, THANKS_CLOSE_MS);
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submit();
    });
  }

  dialog.addEventListener('keydown', (event) => {
    // Keys that confirm or cancel an input method's composition are not the reader's commands.
    if (event.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (isReportShortcut(event)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Tab') {
      // The modal makes the page inert, but Tab would still wander off into the browser's
      // own toolbar: cycle through the dialog's controls instead.
      const stops = Array.from(dialog.querySelectorAll<HTMLElement>('textarea,button')).filter(
        (stop) => stop.getClientRects().length > 0 && !(stop as HTMLButtonElement).disabled,
      );
      const active = shadow.activeElement as HTMLElement | null;
      const edge = event.shiftKey ? stops[0] : stops[stops.length - 1];
      if (active === edge || !stops.includes(active as HTMLElement)) {
        event.preventDefault();
        (event.shiftKey ? stops[stops.length - 1] : stops[0])?.focus();
      }
    }
  });

  shadow.append(dialog);
  document.body.append(host);
  dialog.showModal();
  const first = shadow.querySelector('textarea') ?? cancel;
  first.focus();
  if (first instanceof HTMLTextAreaElement) first.select();
}
