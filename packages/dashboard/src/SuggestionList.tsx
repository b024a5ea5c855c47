import type { SuggestionCount } from '@errata/core';

interface SuggestionListProps {
  /** The quoted words the readers would replace. */
  exact: string;
  suggestions: SuggestionCount[];
  lang: string | null;
}

/** Readers' corrections, most suggested first: "Lisbno → Lisbon ×3". */
export function SuggestionList({ exact, suggestions, lang }: SuggestionListProps) {
  if (suggestions.length === 0) return null;
  return (
    <ul class="suggestions" aria-label="Suggested corrections" lang={lang ?? undefined}>
      {suggestions.map((suggestion) => (
        <li class="suggestion" key={suggestion.text}>
          <del dir="auto">{exact}</del>
          <span aria-hidden="true"> → </span>
          {suggestion.text.trim() ? (
            <ins dir="auto">{suggestion.text}</ins>
          ) : (
            <em class="suggestion-remove">remove</em>
          )}{' '}
          <span
            class="suggestion-count"
            title={`${suggestion.count} ${suggestion.count === 1 ? 'reader' : 'readers'} suggested this`}
          >
            ×{suggestion.count}
          </span>
        </li>
      ))}
    </ul>
  );
}
