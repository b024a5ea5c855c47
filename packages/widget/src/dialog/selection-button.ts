import { BUTTON_HOST_ID, isDialogOpen } from '../hosts.ts';
import { createHost, h, placeHost } from './element.ts';

/** Quiet time after the last selection change before the button appears: the reader has stopped dragging. */
const SETTLE_MS = 350;
/** Room left under the selection on touch screens, where the native selection handles hang below the line. */
const TOUCH_HANDLE_CLEARANCE = 36;
/** Room between the selection and the button for mouse readers. */
const MOUSE_GAP = 8;
/** Least distance kept from the edges of the viewport. */
const EDGE = 8;

export interface SelectionButtonOptions {
  label: string;
  lang: string;
  dir: string;
  /** A copy of the reader's selection when it holds text of the article, else null. */
  selected(): Range | null;
  /** The reader pressed the button for this range. */
  onPress(range: Range): void;
}

/**
 * Shows a small "Report a mistake" button beside the reader's selection once it settles
 * inside the article: under its last line (below the native handles on touch screens),
 * above it when there is no room below, always inside the viewport. It is a real button,
 * and the first Tab after a pointer selection reaches it.
 */
export function watchSelection(options: SelectionButtonOptions): { hide(): void } {
  let host: HTMLElement | null = null;
  let pill: HTMLButtonElement | null = null;
  let range: Range | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let pressingPill = false;

  const hide = () => {
    host?.remove();
    host = pill = range = null;
  };

  const place = () => {
    if (!host || !pill || !range) return;
    const rects = Array.from(range.getClientRects()).filter((rect) => rect.width > 0 && rect.height > 0);
    const first = rects[0];
    const last = rects[rects.length - 1];
    if (!first || !last) return hide();
    const box = pill.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const height = innerHeight;
    const gap = matchMedia('(pointer:coarse)').matches ? TOUCH_HANDLE_CLEARANCE : MOUSE_GAP;
    let top = last.bottom + gap;
    if (top + box.height > height - EDGE) top = first.top - gap - box.height;
    top = Math.max(EDGE, Math.min(top, height - box.height - EDGE));
    const left = Math.max(
      EDGE,
      Math.min(last.left + last.width / 2 - box.width / 2, width - box.width - EDGE),
    );
    // The host is absolutely positioned, so it scrolls with the text; measure where its
    // containing block starts (a positioned or transformed <body> moves it) and offset from there.
    placeHost(host, 0, 0);
    const origin = host.getBoundingClientRect();
    placeHost(host, left - origin.left, top - origin.top);
  };

  const show = (selected: Range) => {
    range = selected;
    if (!host) {
      const shadow = createHost(BUTTON_HOST_ID, { position: 'absolute', display: 'block' });
      pill = h(
        'button',
        {
          type: 'button',
          class: 'pill',
          lang: options.lang,
          dir: options.dir,
          'aria-keyshortcuts': 'Control+Enter',
        },
        options.label,
      );
      // Pressing must not move the focus or the selection; the range is already kept.
      pill.addEventListener('pointerdown', (event) => {
        pressingPill = true;
        event.preventDefault();
      });
      pill.addEventListener('click', () => {
        const pressed = range;
        hide();
        if (pressed) options.onPress(pressed);
      });
      shadow.append(pill);
      host = shadow.host as HTMLElement;
      document.body.append(host);
    }
    place();
  };

  const settle = () => {
    pressingPill = false;
    if (isDialogOpen()) return;
    const selected = options.selected();
    if (selected) show(selected);
    else hide();
  };
  // A selection being dragged changes many times a second: the button waits until it rests.
  const settleSoon = () => {
    clearTimeout(timer);
    timer = setTimeout(settle, SETTLE_MS);
  };
  document.addEventListener('selectionchange', () => {
    // A moved selection hides the button until it settles again; a press on the button itself may clear the selection first.
    if (!pressingPill) hide();
    settleSoon();
  });
  // This part was loaded because of a selection: it may already be there.
  settleSoon();
  addEventListener('resize', place);
  document.addEventListener(
    'keydown',
    (event) => {
      if (!pill) return;
      if (event.key === 'Escape') hide();
      // Nothing focused after a pointer selection: the next Tab stop is the button beside it.
      else if (event.key === 'Tab' && !event.shiftKey && document.activeElement === document.body) {
        event.preventDefault();
        pill.focus();
      }
    },
    true,
  );
  return { hide };
}
