import type { ProofreadResult } from '@errata/core';
import { useState } from 'preact/hooks';
import { ApiRequestError, errorMessage, isUnauthorized, proofreadPage } from './api.ts';
import { proofreadRefusal, proofreadSummary } from './proofread-result.ts';

interface ProofreadButtonProps {
  site: string;
  /** The page to read, as its errata name it. */
  url: string;
  csrfToken: string;
  /** The id of what names the page (its heading), so each page's button says which page it reads. */
  describedBy?: string;
  /** The proofreader read the page: the list loads its new errata. */
  onProofread: (result: ProofreadResult) => void;
  onUnauthorized: () => void;
}

type Outcome = { kind: 'done' | 'error'; text: string };

/**
 * "Proofread page": the proofreader reads the page now and proposes the mistakes it is sure
 * of; the notice says how many it found, or why it could not (the site's hourly limit).
 */
export function ProofreadButton({
  site,
  url,
  csrfToken,
  describedBy,
  onProofread,
  onUnauthorized,
}: ProofreadButtonProps) {
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const dismiss = () => setOutcome(null);

  async function proofread() {
    if (running) return;
    setRunning(true);
    setOutcome(null);
    try {
      const result = await proofreadPage(site, url, csrfToken);
      setOutcome({ kind: 'done', text: proofreadSummary(result) });
      onProofread(result);
    } catch (error) {
      if (isUnauthorized(error)) return onUnauthorized();
      const text =
        error instanceof ApiRequestError
          ? proofreadRefusal({ status: error.status, message: error.message, retryAfterS: error.retryAfterS })
          : errorMessage(error);
      setOutcome({ kind: 'error', text });
    } finally {
      setRunning(false);
    }
  }

  return (
    <div class="proofread">
      <button
        type="button"
        class="proofread-button"
        onClick={() => void proofread()}
        disabled={running}
        aria-busy={running}
        aria-describedby={describedBy}
      >
        {running ? 'Proofreading…' : 'Proofread page'}
      </button>
      {/* Both regions stay in the page, so a screen reader announces what lands in them. */}
      <div role="status" class="proofread-outcome">
        {outcome?.kind === 'done' && <OutcomeNotice kind="done" text={outcome.text} onDismiss={dismiss} />}
      </div>
      <div role="alert" class="proofread-outcome">
        {outcome?.kind === 'error' && <OutcomeNotice kind="error" text={outcome.text} onDismiss={dismiss} />}
      </div>
    </div>
  );
}

/** What a run said, with a way to put it away. */
function OutcomeNotice(props: { kind: 'done' | 'error'; text: string; onDismiss: () => void }) {
  return (
    <p class={`notice notice-${props.kind}`}>
      {props.text}{' '}
      <button type="button" class="link-button" onClick={props.onDismiss}>
        Dismiss
      </button>
    </p>
  );
}
