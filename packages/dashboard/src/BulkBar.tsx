import type { ErratumStatus } from '@errata/core';
import { type TriageAction, triageActions } from './status-tabs.ts';

interface BulkBarProps {
  count: number;
  status: ErratumStatus;
  busy: boolean;
  onTriage: (action: TriageAction) => void;
  onAssign: () => void;
  onClear: () => void;
}

/** What to do with every selected erratum at once; on a phone it sits at the bottom, under the thumb. */
export function BulkBar({ count, status, busy, onTriage, onAssign, onClear }: BulkBarProps) {
  return (
    <section class="bulk-bar" aria-label="Selected errata">
      <p class="bulk-count">{count} selected</p>
      <div class="actions">
        {triageActions({ status, spamReasons: null }).map((action) => (
          <button
            type="button"
            key={action.status}
            class={`action action-${action.status}`}
            disabled={busy}
            onClick={() => onTriage(action)}
          >
            {action.label}
          </button>
        ))}
        <button type="button" disabled={busy} onClick={onAssign}>
          Assign…
        </button>
        <button type="button" class="link-button" onClick={onClear}>
          Clear selection
        </button>
      </div>
    </section>
  );
}
