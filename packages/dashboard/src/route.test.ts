import { describe, expect, it } from 'vitest';
import { routeOf } from './route.ts';

describe('routeOf', () => {
  it("opens the set-up form at the server's printed link, with its token", () => {
    expect(routeOf('/admin/setup', '?token=XYZ', '/admin/')).toEqual({ screen: 'setup', token: 'XYZ' });
    expect(routeOf('/admin/setup/', '?token=XYZ', '/admin/')).toEqual({ screen: 'setup', token: 'XYZ' });
  });

  it('opens the set-up form without a token when the link lost it', () => {
    expect(routeOf('/admin/setup', '', '/admin/')).toEqual({ screen: 'setup', token: null });
  });

  it('opens the inbox anywhere else under the base', () => {
    expect(routeOf('/admin/', '?site=a', '/admin/')).toEqual({ screen: 'inbox' });
    expect(routeOf('/admin/anything/setup', '?token=XYZ', '/admin/')).toEqual({ screen: 'inbox' });
    expect(routeOf('/admin/setupx', '', '/admin/')).toEqual({ screen: 'inbox' });
  });

  it('opens an invitation with its token, and the settings and notifications screens', () => {
    expect(routeOf('/admin/invite', '?token=T1', '/admin/')).toEqual({ screen: 'invite', token: 'T1' });
    expect(routeOf('/admin/settings', '?site=a', '/admin/')).toEqual({ screen: 'settings' });
    expect(routeOf('/admin/notifications/', '', '/admin/')).toEqual({ screen: 'notifications' });
  });
});
