import type { Erratum } from '@errata/core';
import { departureNote } from './live-list.ts';
import { shortQuote } from './short-quote.ts';

interface LiveNoteProps {
  /** The erratum another editor just moved out of the list, or null. */
  departed: Erratum | null;
}

/**
 * A quiet line saying why a card vanished from under the editor's eyes. The region is always
 * in the page, so a screen reader announces the line when it appears.
 */
export function LiveNote({ departed }: LiveNoteProps) {
  return (
    <div class="live-note" role="status">
      {departed && (
        <p>
          {departureNote(departed)}: “{shortQuote(departed.quote.exact)}”.
        </p>
      )}
    </div>
  );
}
