import type { SiteMember } from '@errata/core';
import { useRef } from 'preact/hooks';
import { useModalFocus } from './use-modal-focus.ts';

interface AssignDialogProps {
  /** What is being assigned, for the dialog's title: "“Lisbno”" or "3 errata". */
  subject: string;
  members: readonly SiteMember[];
  userId: string;
  userEmail: string;
  /** The assignee now, when one erratum is assigned; undefined for several. */
  current?: string | null;
  onAssign: (assigneeId: string | null) => void;
  onClose: () => void;
}

/** Who takes the erratum: the editor, nobody, or another member; the first choice has the focus. */
export function AssignDialog({
  subject,
  members,
  userId,
  userEmail,
  current,
  onAssign,
  onClose,
}: AssignDialogProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  useModalFocus(dialog, first);
  const choices: { id: string | null; label: string }[] = [
    { id: userId, label: `Me (${userEmail})` },
    { id: null, label: 'Nobody' },
    ...members
      .filter((member) => member.userId !== userId && member.role !== 'viewer')
      .map((member) => ({ id: member.userId, label: member.email })),
  ];
  return (
    <div class="overlay">
      <div
        class="dialog assign-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="assign-title"
        ref={dialog}
      >
        <h2 id="assign-title">Assign {subject}</h2>
        <ul class="choice-list">
          {choices.map((choice, index) => (
            <li key={choice.id ?? 'nobody'}>
              <button
                type="button"
                ref={index === 0 ? first : undefined}
                aria-pressed={current === undefined ? undefined : current === choice.id}
                onClick={() => onAssign(choice.id)}
              >
                {choice.label}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" class="link-button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
