import { SITE_WORD_MAX, type SiteWord } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import {
  ApiRequestError,
  addSiteWord,
  errorMessage,
  isUnauthorized,
  listSiteWords,
  removeSiteWord,
} from './api.ts';
import { fullDateTime } from './relative-time.ts';
import { SiteField } from './SiteField.tsx';
import { sortWords, WORD_SOURCE_WORDS, withoutWord, wordDraftError } from './site-words.ts';

const addedOn = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface SiteWordsProps {
  siteId: string;
  csrfToken: string;
  /** Owners and editors add and remove words; viewers read the list. */
  canEdit: boolean;
  onUnauthorized: () => void;
}

type Message = { kind: 'error' | 'done'; text: string };

/**
 * The site's words: names and terms the proofreader never flags as misspellings, added by
 * editors or learned when one marked a proofreader finding "not a mistake". Words are
 * rendered as text, never as HTML.
 */
export function SiteWords({ siteId, csrfToken, canEdit, onUnauthorized }: SiteWordsProps) {
  const [words, setWords] = useState<SiteWord[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  useEffect(() => {
    setWords(null);
    setLoadError(null);
    setMessage(null);
    const request = new AbortController();
    listSiteWords(siteId, request.signal).then(setWords, (error: unknown) => {
      if (request.signal.aborted) return;
      if (isUnauthorized(error)) return onUnauthorized();
      setLoadError(errorMessage(error));
    });
    return () => request.abort();
  }, [siteId]);

  async function act(work: () => Promise<string>) {
    if (busy) return;
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ kind: 'done', text: await work() });
    } catch (error) {
      if (isUnauthorized(error)) return onUnauthorized();
      setMessage({ kind: 'error', text: errorMessage(error) });
      // The server's refusal of the word typed ("more than one word") goes beside the field too.
      if (error instanceof ApiRequestError && error.fields.word) setFieldError(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  function add(event: Event) {
    event.preventDefault();
    const refusal = wordDraftError(typed);
    setFieldError(refusal ?? undefined);
    if (refusal) {
      setMessage({ kind: 'error', text: refusal });
      return;
    }
    const word = typed.trim();
    void act(async () => {
      await addSiteWord(siteId, word, csrfToken);
      setTyped('');
      setWords(await listSiteWords(siteId));
      return `“${word}” was added: the proofreader will not flag it.`;
    });
  }

  function remove(word: string) {
    void act(async () => {
      await removeSiteWord(siteId, word, csrfToken);
      setWords((shown) => (shown ? withoutWord(shown, word) : shown));
      return `“${word}” was taken off the list: the proofreader may flag it again.`;
    });
  }

  return (
    <section class="site-section" aria-labelledby="site-words-title">
      <h3 id="site-words-title">Site words</h3>
      <p class="field-hint">
        The proofreader never flags these words as misspellings: names and terms this site spells its own way,
        one word each, at most {SITE_WORD_MAX} characters. Marking a proofreader's spelling finding “Not a
        mistake” adds its word here.
      </p>
      {canEdit && (
        <form class="site-word-form" onSubmit={add} aria-busy={busy} noValidate>
          <SiteField
            name="siteWord"
            label="Word to add"
            value={typed}
            onInput={(value) => {
              setTyped(value);
              setFieldError(undefined);
            }}
            error={fieldError}
          />
          <button type="submit" disabled={busy}>
            Add word
          </button>
        </form>
      )}
      <p
        class={message?.kind === 'error' ? 'site-status site-status-error' : 'site-status'}
        role="status"
        aria-live="polite"
      >
        {message?.text}
      </p>
      {loadError && (
        <p class="form-error" role="alert">
          {loadError}
        </p>
      )}
      {words === null && !loadError && <p class="loading">Loading words…</p>}
      {words?.length === 0 && <p class="muted">No words yet.</p>}
      {words && words.length > 0 && (
        <ul class="word-list" aria-label="The site's words">
          {sortWords(words).map((entry) => {
            const added = new Date(entry.addedAt);
            return (
              <li key={entry.word} class="site-word">
                <span class="site-word-text" dir="auto">
                  {entry.word}
                </span>
                <span class="site-word-origin">
                  {WORD_SOURCE_WORDS[entry.source] ?? entry.source},{' '}
                  <time dateTime={entry.addedAt} title={fullDateTime(added)}>
                    {Number.isNaN(added.getTime()) ? entry.addedAt : addedOn.format(added)}
                  </time>
                </span>
                {canEdit && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => remove(entry.word)}
                    aria-label={`Remove “${entry.word}”`}
                  >
                    Remove
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
