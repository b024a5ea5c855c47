import type { ErratumStatus } from '@errata/core';
import { DEFAULT_STATUS, STATUS_TABS } from './status-tabs.ts';

/** What the inbox shows, kept in the address so a reload or a shared link opens the same list. */
export interface InboxLocation {
  /** The site's id, or null to let the app choose. */
  site: string | null;
  /** The status of the tab shown. */
  status: ErratumStatus;
}

function isTabStatus(value: string | null): value is ErratumStatus {
  return STATUS_TABS.some((tab) => tab.status === value);
}

/** Reads the inbox's place from a query string; unknown statuses fall back to the default tab. */
export function readInboxLocation(search: string): InboxLocation {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  return { site: params.get('site') || null, status: isTabStatus(status) ? status : DEFAULT_STATUS };
}

/** The query string of an inbox place; the default tab is left out to keep links short. */
export function inboxSearch(location: InboxLocation): string {
  const params = new URLSearchParams();
  if (location.site) params.set('site', location.site);
  if (location.status !== DEFAULT_STATUS) params.set('status', location.status);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The site to show: the first wanted id the editor is a member of (the address, then the
 * last one used), else the editor's first site, else null when the editor has none.
 */
export function chooseSite(
  sites: readonly { id: string }[],
  wanted: readonly (string | null)[],
): string | null {
  for (const id of wanted) {
    if (id !== null && sites.some((site) => site.id === id)) return id;
  }
  return sites[0]?.id ?? null;
}
