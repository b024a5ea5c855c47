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

/**
 * Creates the demo site on first start; an existing one (perhaps edited by its owner) is left
 * alone. It is not marked local: its pages are read on the server's own public address
 * (fetch/self-url.ts), and nothing else of its owner's reaches the server's network unless
 * the operator says so (`errata site local demo on`).
 */
export async function ensureDemoSite(store: Store): Promise<boolean> {
  return createSiteIfMissing(store.db, DEMO_SITE, new Date().toISOString());
}

/** ERRATA_DEMO: `auto` serves the demo newsroom until a site of the operator's own exists. */
export type DemoMode = 'auto' | 'on' | 'off';

export const DEMO_MODES: readonly DemoMode[] = ['auto', 'on', 'off'];

/** Whether the demo newsroom is on, and why, in the words the start banner prints. */
export interface DemoState {
  on: boolean;
  /** "ERRATA_DEMO=auto: no other site yet". */
  why: string;
}

/** How long an `auto` answer of "on" is reused: a site added by the command line or another instance shows within it. */
const AUTO_RECHECK_MS = 5_000;

/**
 * The demo newsroom's switch: its pages at /demo/ and its site's reports. `auto` turns it off
 * for good once any other site exists (sites are never deleted, so "off" is never asked again).
 */
export class DemoNewsroom {
  private known: { state: DemoState; until: number } | null = null;

  constructor(
    private readonly store: Store,
    readonly mode: DemoMode,
  ) {}

  async state(): Promise<DemoState> {
    if (this.mode !== 'auto') return { on: this.mode === 'on', why: `ERRATA_DEMO=${this.mode}` };
    if (this.known && this.known.until > Date.now()) return this.known.state;
    const other = await this.store.db
      .selectFrom('sites')
      .select('id')
      .where('id', '!=', DEMO_SITE.id)
      .limit(1)
      .executeTakeFirst();
    const state: DemoState = other
      ? { on: false, why: 'ERRATA_DEMO=auto: a site of your own exists' }
      : { on: true, why: 'ERRATA_DEMO=auto: no other site yet' };
    this.known = { state, until: other ? Number.POSITIVE_INFINITY : Date.now() + AUTO_RECHECK_MS };
    return state;
  }

  async isOn(): Promise<boolean> {
    return (await this.state()).on;
  }

  /** A site was created in this process: the next question reads the sites again. */
  siteCreated(): void {
    if (this.known?.state.on) this.known = null;
  }
}

/** What a reader (or a script) sending to the demo's site hears while the demo is off. */
export const DEMO_OFF_REPORT =
  'The demo newsroom is off on this server, so its site takes no reports. The operator turns it on with ERRATA_DEMO=on.';
