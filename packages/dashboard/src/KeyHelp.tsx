import { useRef } from 'preact/hooks';
import { TRIAGE_KEYS } from './triage-keys.ts';
import { useModalFocus } from './use-modal-focus.ts';

/** The inbox's keys, listed over the page; Escape or the button closes it. */
export function KeyHelp({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useModalFocus(dialog, close);
  return (
    <div class="overlay">
      <div
        class="dialog key-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby="key-help-title"
        ref={dialog}
      >
        <h2 id="key-help-title">Keyboard shortcuts</h2>
        <dl>
          {TRIAGE_KEYS.map((entry) => (
            <div key={entry.command} class="key-row">
              <dt>
                {entry.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' or '}
                    <kbd>{key === 'Escape' ? 'Esc' : key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{entry.does}</dd>
            </div>
          ))}
        </dl>
        <p class="key-help-aside">
          Keys act on the selected errata when some are selected, else on the focused one.
        </p>
        <button type="button" ref={close} onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
