/** The screens the address can open directly. */
export type Route =
  | { screen: 'setup'; token: string | null }
  | { screen: 'invite'; token: string | null }
  | { screen: 'settings' }
  | { screen: 'notifications' }
  | { screen: 'inbox' };

/** Signed-in screens besides the inbox, by their path under the base. */
const SCREENS: Record<string, Route> = {
  settings: { screen: 'settings' },
  notifications: { screen: 'notifications' },
};

/**
 * Which screen an address opens: `<base>setup?token=…` is the first-owner form the server's
 * start-up link points to, `<base>invite?token=…` an invitation to a site, `<base>settings`
 * and `<base>notifications` the site's settings and its notifications; every other path under
 * the base is the inbox (or sign-in).
 * @example routeOf('/admin/setup', '?token=abc', '/admin/') // { screen: 'setup', token: 'abc' }
 */
export function routeOf(pathname: string, search: string, base: string): Route {
  const path = (pathname.startsWith(base) ? pathname.slice(base.length) : pathname).replace(/\/+$/, '');
  if (path === 'setup' || path === 'invite') {
    return { screen: path, token: new URLSearchParams(search).get('token') || null };
  }
  return SCREENS[path] ?? { screen: 'inbox' };
}
