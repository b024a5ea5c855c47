import type { Erratum, ErratumFinding } from '@errata/core';
import { findingSuggestions } from './finding-text.ts';

interface FindingSummaryProps {
  erratum: Pick<Erratum, 'quote' | 'suggestions' | 'lang'>;
  finding: ErratumFinding;
}

/**
 * On a card, what the proofreader found: its sentence and its replacements ("Roterdam →
 * Rotterdam"), those a reader suggested too left to the readers' list. Text nodes only: the
 * message quotes the page's words.
 */
export function FindingSummary({ erratum, finding }: FindingSummaryProps) {
  const suggestions = findingSuggestions(finding, erratum.suggestions);
  return (
    <div class="finding">
      <p class="finding-message" dir="auto">
        {finding.message}
      </p>
      {suggestions.length > 0 && (
        <ul class="suggestions" aria-label="Proofreader's suggestions" lang={erratum.lang ?? undefined}>
          {suggestions.map((text) => (
            <li class="suggestion" key={text}>
              <del dir="auto">{erratum.quote.exact}</del>
              <span aria-hidden="true"> → </span>
              <span class="visually-hidden"> gives </span>
              {text.trim() ? <ins dir="auto">{text}</ins> : <em class="suggestion-remove">remove</em>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
