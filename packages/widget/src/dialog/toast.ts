import { TOAST_HOST_ID } from '../hosts.ts';
import { createHost, h } from './element.ts';

/** How long the hint stays: time to read one short sentence twice. */
const HINT_MS = 4000;
/** Delay before the hint's text goes in: a live region announces changes, not what it held when it appeared. */
const ANNOUNCE_DELAY_MS = 100;

/** Shows a short hint at the bottom of the screen, announced politely, gone by itself. */
export function showToast(text: string, lang: string, dir: string): void {
  const shadow = createHost(TOAST_HOST_ID, {
    position: 'fixed',
    left: '50%',
    bottom: '24px',
    transform: 'translateX(-50%)',
  });
  const region = h('div', { class: 'toast', role: 'status', lang, dir });
  shadow.append(region);
  document.body.append(shadow.host);
  setTimeout(() => {
    region.textContent = text;
  }, ANNOUNCE_DELAY_MS);
  setTimeout(() => shadow.host.remove(), HINT_MS);
}
