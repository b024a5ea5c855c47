import { useEffect, useState } from 'preact/hooks';
import { chooseSite } from './inbox-location.ts';
import { readLastSite } from './last-site.ts';

function siteInAddress(): string | null {
  return new URLSearchParams(location.search).get('site');
}

/**
 * The site a settings-like screen shows: the address's `?site=`, else the last one shown, else
 * the first of the editor's sites; follows back/forward, and `selectSite` puts a choice in the address.
 */
export function useSiteInAddress(sites: readonly { id: string }[]) {
  const [wanted, setWanted] = useState<string | null>(siteInAddress);

  useEffect(() => {
    const follow = () => setWanted(siteInAddress());
    addEventListener('popstate', follow);
    return () => removeEventListener('popstate', follow);
  }, []);

  function selectSite(id: string) {
    history.replaceState(null, '', `?site=${encodeURIComponent(id)}`);
    setWanted(id);
  }

  return {
    siteId: chooseSite(sites, [wanted, readLastSite()]),
    selectSite,
    /** Forget the address's choice (e.g. the editor left that site). */
    clearSite: () => setWanted(null),
  };
}
