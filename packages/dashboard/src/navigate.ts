import { BASE_PATH } from './base-path.ts';

/**
 * Opens another screen of the dashboard without a reload: the address changes, and a
 * popstate event tells App (and any screen keeping state in the address) to follow.
 * @example navigate('settings?site=demo')
 */
export function navigate(pathUnderBase: string): void {
  history.pushState(null, '', `${BASE_PATH}${pathUnderBase}`);
  dispatchEvent(new PopStateEvent('popstate'));
}
