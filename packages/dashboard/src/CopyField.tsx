import type { RefObject } from 'preact';

interface CopyFieldProps {
  id: string;
  label: string;
  value: string;
  inputRef: RefObject<HTMLInputElement>;
  /** Whether the value was copied: the button says so. */
  copied: boolean;
  onCopy: () => void;
}

/** A value shown once (an invitation link, a webhook's secret): read-only, selected on focus, with a Copy button. */
export function CopyField({ id, label, value, inputRef, copied, onCopy }: CopyFieldProps) {
  return (
    <div class="copy-field">
      <label for={id}>{label}</label>
      <div class="copy-field-row">
        <input
          id={id}
          ref={inputRef}
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" onClick={onCopy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}
