/** The last status change, for the live region, with an undo when the old status can be restored. */
export interface DoneNotice {
  text: string;
  /** Restores the erratum's previous status; absent when it cannot be undone. */
  undo?: () => void;
  undoing?: boolean;
}

interface TriageNoticesProps {
  done: DoneNotice | null;
  error: string | null;
  onDismissError: () => void;
}

/**
 * What happened to the last card that left the list, and what failed. Both regions are
 * always in the page, so screen readers announce a change in them.
 */
export function TriageNotices({ done, error, onDismissError }: TriageNoticesProps) {
  return (
    <div class="notices">
      <div role="status">
        {done && (
          <p class="notice notice-done">
            {done.text}{' '}
            {done.undo && (
              <button type="button" class="link-button" onClick={done.undo} disabled={done.undoing}>
                Undo
              </button>
            )}
          </p>
        )}
      </div>
      <div role="alert">
        {error && (
          <p class="notice notice-error">
            {error}{' '}
            <button type="button" class="link-button" onClick={onDismissError}>
              Dismiss
            </button>
          </p>
        )}
      </div>
    </div>
  );
}
