import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { ErratumDetailProps } from './ErratumDetail.tsx';

// The detail and its diff library load on first use: the list opens without them.
let loadedDetail: ComponentType<ErratumDetailProps> | null = null;

/** The open erratum's detail: a side panel on a wide screen, the whole screen on a phone. */
export function DetailPanel(props: ErratumDetailProps) {
  const [Detail, setDetail] = useState(() => loadedDetail);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (Detail) return;
    import('./ErratumDetail.tsx').then(
      (module) => {
        loadedDetail = module.ErratumDetail;
        setDetail(() => module.ErratumDetail);
      },
      () => setFailed(true),
    );
  }, []);

  return (
    <aside class="detail-panel" aria-label="Erratum details">
      {Detail ? (
        <Detail {...props} />
      ) : failed ? (
        <div class="load-error" role="alert">
          <p>The details could not be loaded. Check the connection and reload the page.</p>
          <button type="button" onClick={props.onClose}>
            Close
          </button>
        </div>
      ) : (
        <p class="loading" role="status">
          Loading…
        </p>
      )}
    </aside>
  );
}
