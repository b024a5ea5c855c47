import type { Erratum, ErratumFinding } from '@errata/core';
import { BASE_PATH } from './base-path.ts';
import { confidenceWords, ruleWords } from './finding-text.ts';
import { inboxSearch } from './inbox-location.ts';
import { SuggestionDiff } from './SuggestionDiff.tsx';

interface FindingDetailProps {
  erratum: Pick<Erratum, 'site' | 'quote' | 'lang' | 'proposedFrom'>;
  finding: ErratumFinding;
  /** Opens another erratum's detail in place (the fixed one a proposal came from). */
  onOpenErratum: (id: string) => void;
}

/** A plain click opens in place; with a modifier key the browser opens the link as it would. */
function plainClick(event: MouseEvent): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

/**
 * In the detail, what the proofreader found: its sentence, its rule and how sure it is, each
 * replacement as a diff against the quote, and for a same-mistake proposal the fixed erratum
 * it came from. Text nodes only: the message and the suggestions quote the page.
 */
export function FindingDetail({ erratum, finding, onOpenErratum }: FindingDetailProps) {
  const from = erratum.proposedFrom;
  return (
    <section class="finding-detail" aria-labelledby="finding-title">
      <h3 id="finding-title">What the proofreader found</h3>
      <p class="finding-message" dir="auto">
        {finding.message}
      </p>
      <p class="muted finding-facts">
        Rule: {ruleWords(finding.rule)} · {confidenceWords(finding.confidence)} a mistake
      </p>
      {from && (
        <p class="finding-origin">
          <a
            href={`${BASE_PATH}${inboxSearch({ site: erratum.site, status: 'fixed', open: from.id })}`}
            onClick={(event) => {
              if (!plainClick(event)) return;
              event.preventDefault();
              onOpenErratum(from.id);
            }}
          >
            Same mistake as the one fixed on <span dir="auto">{from.url}</span>
          </a>
        </p>
      )}
      {finding.suggestions.length === 0 ? (
        <p class="muted">The proofreader has no replacement to suggest.</p>
      ) : (
        <ul class="suggestion-diffs" aria-label="Proofreader's suggestions">
          {finding.suggestions.map((suggestion) => (
            <li key={suggestion} class="suggestion-diff">
              {suggestion.trim() ? (
                <>
                  <SuggestionDiff quote={erratum.quote.exact} suggestion={suggestion} lang={erratum.lang} />
                  <span class="diff-result" dir="auto">
                    <span aria-hidden="true"> → </span>
                    <span class="visually-hidden"> gives </span>
                    {suggestion}
                  </span>
                </>
              ) : (
                <span class="diff">
                  <del>{erratum.quote.exact}</del> <em>(remove)</em>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
