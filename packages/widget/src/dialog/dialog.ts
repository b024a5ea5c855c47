import { COMMENT_MAX, EMAIL_MAX, REPORT_KINDS, SUGGESTION_MAX } from '@errata/core';
import type { ErrataStrings } from '../../errata.d.ts';
import type { ReaderInput, ReportDraft } from '../delivery/complete-report.ts';
import { DIALOG_HOST_ID, isDialogOpen } from '../hosts.ts';
import { tooLongMessage } from './capture.ts';
import { createHost, h } from './element.ts';
import { sentenceOf } from './quote-sentence.ts';

/** How long the thank-you stays before the dialog closes by itself: time to read one sentence. */
const THANKS_CLOSE_MS = 4000;

/** What the reader is told after pressing Send. */
export interface Told {
  /** sent: the server has it; queued: it will be sent later by itself; refused: fix it or give up. */
  kind: 'sent' | 'queued' | 'refused';
  message: string;
}

export interface DialogOptions {
  strings: ErrataStrings;
  /** The reader's language and its direction, for the dialog's lang and dir. */
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Whether a key press is the report shortcut (Ctrl+Enter sends). */
  isShortcut(event: KeyboardEvent): boolean;
  /** Whether to offer the optional e-mail field (data-reader-email="on"). */
  email: boolean;
  /** Sends the report with what the reader typed and chose. */
  send(input: ReaderInput): Promise<Told>;
}

/**
 * Opens the report dialog for a captured selection: the quote in its sentence, the
 * correction and comment fields, Send and Cancel. It lives in an open shadow root on a host
 * appended to <body>, in the top layer as a modal: focus moves in, Tab stays in, Esc closes,
 * and the focus returns to where it was. Results are announced through a live region.
 */
export function openDialog(
  draft: ReportDraft,
  { strings, lang, dir, isShortcut, email, send }: DialogOptions,
): void {
  if (isDialogOpen()) return;
  const returnFocus = document.activeElement as HTMLElement | null;
  const shadow = createHost(DIALOG_HOST_ID, { position: 'fixed' });
  const host = shadow.host as HTMLElement;

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
    lang,
    dir,
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
    if (returnFocus?.isConnected) returnFocus.focus();
  };
  cancel.addEventListener('click', close);
  // The browser may close a modal on its own (Esc, Android's back gesture): clean up the same way.
  dialog.addEventListener('close', close);

  let submit = () => {};
  const tooLong = tooLongMessage(draft, strings);
  if (tooLong) {
    // Nothing to send: the message replaces the form, and Cancel becomes Close.
    cancel.textContent = strings.close;
    say(tooLong);
    dialog.setAttribute('aria-describedby', status.id);
    dialog.append(heading, status, actions);
  } else {
    const [before, after] = sentenceOf(draft.quote, lang);
    const fields = h('div', {});
    /** A labelled control appended to the fields. */
    const field = <K extends 'textarea' | 'select' | 'input'>(
      tag: K,
      name: string,
      label: string,
      attributes = {},
    ) => {
      const control = h(tag, { id: `errata-${name}`, name, ...attributes });
      fields.append(h('label', { for: control.id }, label), control);
      return control;
    };
    const kind = field('select', 'kind', strings.kind);
    for (const value of REPORT_KINDS) kind.append(h('option', { value }, strings[value]));
    // Two rows: a textarea's default.
    const suggestion = field('textarea', 'suggestion', strings.correction, {
      maxlength: `${SUGGESTION_MAX}`,
      // The page's words keep their own direction inside a dialog in another one.
      dir: 'auto',
    });
    field('textarea', 'comment', strings.comment, {
      rows: '3',
      maxlength: `${COMMENT_MAX}`,
      placeholder: strings.commentHint,
    });
    if (email) field('input', 'email', strings.email, { type: 'email', maxlength: `${EMAIL_MAX}` });
    // The honeypot: off-screen, out of the tab order and hidden from screen readers, so only a
    // bot that fills every field fills it. Not at either end of the fields: Tab's cycle below counts it.
    fields.append(
      h('input', { name: 'website', tabindex: '-1', autocomplete: 'off', 'aria-hidden': 'true' }),
    );
    suggestion.value = draft.quote.exact;
    const sendButton = h('button', { type: 'submit' }, strings.send);
    actions.append(sendButton);
    const quote = h(
      'blockquote',
      { id: 'errata-quote', dir: 'auto' },
      before,
      h('mark', {}, draft.quote.exact),
      after,
    );
    const form = h('form', {}, heading, quote, fields, status, actions);
    dialog.append(form);

    submit = async () => {
      // An e-mail address that is not one stops here, with the browser's own message.
      if (sendButton.disabled || sendButton.hidden || !form.reportValidity()) return;
      sendButton.disabled = true;
      say(strings.sending);
      // Every named control: suggestion, comment, kind, (when offered) email and the honeypot.
      const told = await send(Object.fromEntries(new FormData(form)) as ReaderInput);
      sendButton.disabled = false;
      if (told.kind === 'refused') {
        // The typed text stays for another try; a button disabled while focused has lost the focus.
        say(told.message, true);
        if (!shadow.activeElement) sendButton.focus();
        return;
      }
      fields.hidden = true;
      sendButton.hidden = true;
      cancel.textContent = strings.close;
      say(told.message);
      cancel.focus();
      // A queued report's message stays until the reader has read it and closes.
      if (told.kind === 'sent') timer = setTimeout(close, THANKS_CLOSE_MS);
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
    } else if (isShortcut(event)) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Tab') {
      // The modal makes the page inert, but Tab would still wander off into the browser's
      // own toolbar: cycle through the dialog's controls instead.
      const stops = Array.from(dialog.querySelectorAll<HTMLElement>('textarea,button,select,input')).filter(
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
