import type { Ref } from 'preact';
import { useId } from 'preact/hooks';

interface FormFieldProps {
  label: string;
  name: string;
  type: 'email' | 'password';
  autoComplete: string;
  /** A line of help under the field, read out with it. */
  hint?: string;
  /** The field's error, shown under it and read out with it. */
  error?: string | undefined;
  minLength?: number;
  inputRef?: Ref<HTMLInputElement>;
}

/** A labelled input of the sign-in and set-up forms, with its hint and error tied to it. */
export function FormField(props: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        ref={props.inputRef}
        name={props.name}
        type={props.type}
        autoComplete={props.autoComplete}
        minLength={props.minLength}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {props.hint && (
        <p class="field-hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
    </div>
  );
}
