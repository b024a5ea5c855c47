/** The screens the address can open directly. */
export type Route = { screen: 'setup'; token: string | null } | { screen: 'inbox' };

/**
 * Which screen an address opens: `<base>setup?token=…` is the first-owner form the server's
 * start-up link points to; every other path under the base is the inbox (or sign-in).
 * @example routeOf('/admin/setup', '?token=abc', '/admin/') // { screen: 'setup', token: 'abc' }
 */
export function routeOf(pathname: string, search: string, base: string): Route {
  const path = pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  if (path.replace(/\/+$/, '') === 'setup') {
    return { screen: 'setup', token: new URLSearchParams(search).get('token') || null };
  }
  return { screen: 'inbox' };
}
