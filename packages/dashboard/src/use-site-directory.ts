import type { SiteMember } from '@errata/core';
import { useEffect, useState } from 'preact/hooks';
import { getSiteSettings, listSiteMembers } from './api.ts';

/** Who and what a site's errata can be assigned and routed to. */
export interface SiteDirectory {
  members: SiteMember[];
  /** The site's desk names (its kind → desk routing), sorted. */
  desks: string[];
}

const EMPTY: SiteDirectory = { members: [], desks: [] };

/**
 * The members and desks of the site shown, for the filters and the assign picker; empty
 * while loading or when the server would not say (the pickers then offer the editor and "nobody").
 */
export function useSiteDirectory(siteId: string | null): SiteDirectory {
  const [directory, setDirectory] = useState<SiteDirectory>(EMPTY);
  useEffect(() => {
    setDirectory(EMPTY);
    if (siteId === null) return;
    const request = new AbortController();
    const ignore = () => {
      // Without them the pickers still work for "me", "nobody" and the desks on screen; nothing to tell.
    };
    listSiteMembers(siteId, request.signal).then(
      (members) => setDirectory((shown) => ({ ...shown, members })),
      ignore,
    );
    getSiteSettings(siteId, request.signal).then(
      (settings) =>
        setDirectory((shown) => ({
          ...shown,
          desks: [...new Set(Object.values(settings.desks ?? {}))].sort(),
        })),
      ignore,
    );
    return () => request.abort();
  }, [siteId]);
  return directory;
}
