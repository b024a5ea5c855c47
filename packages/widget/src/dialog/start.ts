import type { ReportInput } from '@errata/core';
import type { DialogApi, LoaderContext } from '../contract.ts';
import { newClientId } from '../delivery/client-id.ts';
import { completeReport, type ReportDraft } from '../delivery/complete-report.ts';
import { createOutbox } from '../delivery/outbox.ts';
import { openQueue } from '../delivery/queue.ts';
import { keepReceipt } from '../delivery/receipts.ts';
import { type Delivery, sendReport } from '../delivery/send.ts';
import { isDialogOpen } from '../hosts.ts';
import { draftOf, tooLongMessage } from './capture.ts';
import { openDialog, type Told } from './dialog.ts';
import { announce, errataError } from './events.ts';
import { watchSelection } from './selection-button.ts';
import { directionOf, stringsFor } from './strings.ts';
import { showToast } from './toast.ts';

/**
 * Starts the dialog part, once, when the loader has it: sends what an earlier visit left in
 * the offline queue, shows the button beside settled selections (data-button="auto"), and
 * answers the loader's calls.
 */
export function start({
  config,
  lang,
  strings: translated,
  rootOf,
  selected,
  isShortcut,
  add,
}: LoaderContext): DialogApi {
  const strings = stringsFor(lang, translated);
  const dir = directionOf(lang);

  /** The sentence a delivery means for the reader. */
  const messageOf = (delivery: Delivery): string => {
    if (delivery.kind === 'sent') return strings.thanks;
    if (delivery.kind === 'refused') return delivery.message ?? strings.failed;
    return delivery.status === 0 && !navigator.onLine ? strings.offline : strings.later;
  };
  /**
   * Sends a report; when the site asks for proof of work (a refusal with a challenge), adds the
   * solver part, solves it and sends once more with the solution. The queue keeps the report
   * without it: a solution is good once, a resend later gets a challenge of its own.
   */
  const send = async (endpoint: string, report: ReportInput): Promise<Delivery> => {
    const delivery = await sendReport(endpoint, report);
    const challenge = delivery.kind === 'refused' && add && delivery.challenge;
    return challenge
      ? add('widget-solver')
          .then(() => window.__errataSolve!(challenge))
          .then(
            (altcha) => sendReport(endpoint, { ...report, altcha }),
            () => delivery,
          )
      : delivery;
  };
  const outbox = createOutbox(
    openQueue(config.site),
    (report, delivery, retry) => {
      if (delivery.kind === 'sent') {
        // Kept on this device only, so that a later visit can tell the reader it was corrected.
        if (delivery.receipt?.id) keepReceipt(config.site, delivery.receipt.id);
        announce('errata:sent', { report, receipt: delivery.receipt });
      }
      // A resend that fails again changes nothing the page needs to hear about.
      else if (delivery.kind === 'refused' || !retry) {
        const queued = delivery.kind === 'later';
        announce('errata:error', { report, message: messageOf(delivery), status: delivery.status, queued });
      }
    },
    send,
  );

  const capture = (range: Range | null): ReportDraft | null => range && draftOf(range, rootOf(range), config);
  const hint = () => showToast(strings.selectFirst, lang, dir);

  const button =
    config.button === 'auto'
      ? watchSelection({
          label: strings.button ?? strings.title,
          lang,
          dir,
          selected,
          onPress: (range) => open(range),
        })
      : null;

  const open = (range: Range) => {
    if (isDialogOpen()) return;
    const draft = capture(range);
    if (!draft) return hint();
    button?.hide();
    // One id for this report, however many times the reader presses Send.
    const clientId = newClientId();
    openDialog(draft, {
      strings,
      lang,
      dir,
      isShortcut,
      email: config.readerEmail,
      send: async (input): Promise<Told> => {
        const delivery = await outbox.send(config.endpoint, completeReport(draft, input, clientId));
        const kind = delivery.kind === 'later' ? 'queued' : delivery.kind;
        return { kind, message: messageOf(delivery) };
      },
    });
    announce('errata:open', draft);
  };

  const report: DialogApi['report'] = async (options, range) => {
    const draft = capture(range);
    const refusal = draft ? tooLongMessage(draft, strings) : strings.selectFirst;
    if (refusal || !draft) throw errataError(refusal ?? strings.selectFirst, 0, false);
    const sent = completeReport(draft, options, newClientId());
    const delivery = await outbox.send(config.endpoint, sent);
    if (delivery.kind === 'sent') return delivery.receipt;
    throw errataError(messageOf(delivery), delivery.status, delivery.kind === 'later');
  };

  // A new page and a regained connection are both good moments to resend, backoff or not.
  outbox.flush(true);
  addEventListener('online', () => outbox.flush(true));
  return { open, hint, report };
}
