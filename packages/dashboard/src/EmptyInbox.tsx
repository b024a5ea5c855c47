import type { StatusTab } from './status-tabs.ts';

/** What an empty tab says; the open tab also tells how readers report, since that is how it fills. */
export function EmptyInbox({ tab }: { tab: StatusTab }) {
  return (
    <div class="empty">
      <p class="empty-title">{tab.empty}</p>
      {tab.status === 'open' && (
        <p>
          Readers report a mistake by selecting the words on a page of your site and pressing <kbd>Ctrl</kbd>+
          <kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd> on a Mac), or by tapping <q>Report a mistake</q> on
          a phone. Their reports appear here, grouped by page.
        </p>
      )}
    </div>
  );
}
