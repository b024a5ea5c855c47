import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSiteFlags } from '../store/site-flags-store.ts';
import { addSite, openTestStore } from '../testing/test-app.ts';
import { DemoNewsroom } from './demo-site.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
beforeEach(async () => {
  t = await openTestStore();
});
afterEach(async () => t.cleanup());

describe('the demo site', () => {
  it('should not be marked local on a fresh install', async () => {
    expect(await findSiteFlags(t.store.db, 'demo')).toEqual({ local: false, publicLog: false });
  });
});

describe('DemoNewsroom', () => {
  it('should be on with ERRATA_DEMO=auto until another site exists, then off, and say why', async () => {
    const demo = new DemoNewsroom(t.store, 'auto');
    expect(await demo.state()).toEqual({ on: true, why: 'ERRATA_DEMO=auto: no other site yet' });
    await addSite(t.store, 'courier', 'https://courier.example');
    demo.siteCreated();
    expect(await demo.state()).toEqual({ on: false, why: 'ERRATA_DEMO=auto: a site of your own exists' });
  });

  it('should see a site another process created, without being told', async () => {
    await addSite(t.store, 'courier', 'https://courier.example');
    expect(await new DemoNewsroom(t.store, 'auto').isOn()).toBe(false);
  });

  it('should follow ERRATA_DEMO=on and off whatever sites exist', async () => {
    expect(await new DemoNewsroom(t.store, 'off').state()).toEqual({ on: false, why: 'ERRATA_DEMO=off' });
    await addSite(t.store, 'courier', 'https://courier.example');
    expect(await new DemoNewsroom(t.store, 'on').state()).toEqual({ on: true, why: 'ERRATA_DEMO=on' });
  });
});
