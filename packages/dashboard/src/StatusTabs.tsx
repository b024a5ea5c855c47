import type { ErratumStatus } from '@errata/core';
import { STATUS_TABS } from './status-tabs.ts';

interface StatusTabsProps {
  current: ErratumStatus;
  /** The address of a tab, so it can be opened in a new browser tab too. */
  hrefOf: (status: ErratumStatus) => string;
  onSelect: (status: ErratumStatus) => void;
}

/**
 * The inbox's tabs, as links: they change the list and the address. Links, not buttons,
 * so a card's "Fixed" button is the only button of that name.
 */
export function StatusTabs({ current, hrefOf, onSelect }: StatusTabsProps) {
  return (
    <nav class="tabs" aria-label="Status">
      <ul>
        {STATUS_TABS.map((tab) => (
          <li key={tab.status}>
            <a
              href={hrefOf(tab.status)}
              aria-current={tab.status === current ? 'page' : undefined}
              onClick={(event) => {
                // A modified click keeps its browser meaning (new tab, new window).
                if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
                  return;
                }
                event.preventDefault();
                onSelect(tab.status);
              }}
            >
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
