import { diffSegments } from './suggestion-diff.ts';

interface SuggestionDiffProps {
  quote: string;
  suggestion: string;
  lang: string | null;
}

/** A suggested correction as changes to the quote, letter by letter: <del> what goes, <ins> what comes. Text nodes only. */
export function SuggestionDiff({ quote, suggestion, lang }: SuggestionDiffProps) {
  return (
    <span class="diff" lang={lang ?? undefined} dir="auto">
      {diffSegments(quote, suggestion).map((segment, index) =>
        segment.type === 'removed' ? (
          <del key={index}>{segment.text}</del>
        ) : segment.type === 'added' ? (
          <ins key={index}>{segment.text}</ins>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}
