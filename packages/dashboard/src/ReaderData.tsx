import type { ReaderDataErasure } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { ApiRequestError, eraseReaderData, errorMessage, exportReaderData } from './api.ts';
import { readerDataFileName } from './privacy-link.ts';
import { SiteField } from './SiteField.tsx';

interface ReaderDataProps {
  siteId: string;
  csrfToken: string;
  onUnauthorized: () => void;
}

/**
 * Owners answer a reader who asks for their data: by the e-mail address the reader left, export
 * everything the site holds (a JSON file) or erase it, each in one step. Every text shown here
 * is rendered as text, never as HTML.
 */
export function ReaderData({ siteId, csrfToken, onUnauthorized }: ReaderDataProps) {
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [erasure, setErasure] = useState<ReaderDataErasure | null>(null);

  useEffect(() => {
    setMessage(null);
    setErasure(null);
  }, [siteId]);

  const address = email.trim();

  const failed = (error: unknown) => {
    if (error instanceof ApiRequestError && error.status === 401) return onUnauthorized();
    setMessage({ kind: 'error', text: errorMessage(error) });
  };

  async function run(work: () => Promise<void>) {
    if (busy) return;
    if (!address) {
      setMessage({ kind: 'error', text: 'Type the e-mail address the reader left.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    setErasure(null);
    try {
      await work();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
    }
  }

  const exportData = () =>
    run(async () => {
      const data = await exportReaderData(siteId, address, csrfToken);
      const file = readerDataFileName(siteId);
      download(file, JSON.stringify(data, null, 2));
      const reports = data.reports.length;
      setMessage({
        kind: 'done',
        text:
          reports === 0
            ? `Nothing is stored for ${address}; ${file} says so.`
            : `Saved ${file}: ${reports} report${reports === 1 ? '' : 's'} left with ${address}.`,
      });
    });

  const erase = () =>
    run(async () => {
      const question = `Erase ${address} from this site? Every stored copy of the address is deleted, and the suggestions and comments of the reports it was left with are blanked. This cannot be undone.`;
      if (!confirm(question)) return;
      setErasure(await eraseReaderData(siteId, address, csrfToken));
    });

  return (
    <section class="site-section" aria-labelledby="reader-data-title">
      <h3 id="reader-data-title">Reader data</h3>
      <p class="field-hint">
        When a reader who left an e-mail address asks what this site holds about them, or to have it erased,
        type that address here.
      </p>
      <form class="reader-data-form" onSubmit={(event) => event.preventDefault()} aria-busy={busy} noValidate>
        <SiteField
          name="readerDataEmail"
          label="Reader's e-mail address"
          type="email"
          value={email}
          onInput={setEmail}
          autoComplete="off"
        />
        <div class="reader-data-actions">
          <button type="button" onClick={() => void exportData()} disabled={busy}>
            Export
          </button>
          <button type="button" onClick={() => void erase()} disabled={busy}>
            Erase…
          </button>
        </div>
      </form>
      <p
        class={message?.kind === 'error' ? 'site-status site-status-error' : 'site-status'}
        role="status"
        aria-live="polite"
      >
        {erasure ? erasure.summary : message?.text}
      </p>
      {erasure && erasure.contactsDeleted > 0 && (
        <dl class="site-facts">
          <dt>Stored copies of the address deleted</dt>
          <dd>{erasure.contactsDeleted}</dd>
          <dt>Reports whose suggestion and comment were blanked</dt>
          <dd>{erasure.reportsBlanked}</dd>
          <dt>Outgoing events blanked</dt>
          <dd>{erasure.eventsBlanked}</dd>
        </dl>
      )}
    </section>
  );
}

/** Saves `text` as a file the browser downloads. */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has handed the file to the browser; the address can go.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
