import type { Store } from '../store/open-store.ts';
import { createSiteIfMissing, type Site } from '../store/sites-store.ts';
import { SELF_ORIGIN } from './origins.ts';

/** The demo newsroom's site: served by Errata itself at /demo/, so it allows the server's own origin. */
export const DEMO_SITE: Site = {
  id: 'demo',
  name: 'The demo newsroom',
  publicKey: 'demo',
  allowedOrigins: [SELF_ORIGIN],
  rootSelector: null,
};

/** Creates the demo site on first start; an existing one (perhaps edited by its owner) is left alone. */
export async function ensureDemoSite(store: Store): Promise<boolean> {
  const created = await createSiteIfMissing(store.db, DEMO_SITE, new Date().toISOString());
  // Its pages are on this server, a loopback or private address: the recheck may fetch them there.
  if (created) {
    await store.db.updateTable('sites').set({ is_local: 1 }).where('id', '=', DEMO_SITE.id).execute();
  }
  return created;
}
