/** A labelled text field of the site settings, with its hint and error tied to it for screen readers. */
interface SiteFieldProps {
  /** Also the element id's tail: `site-field-<name>`, which the form focuses on an error. */
  name: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  /** Several lines (origins). */
  multiline?: boolean;
  type?: 'text' | 'url' | 'email';
  required?: boolean;
  placeholder?: string;
  autoComplete?: string;
  /** The keyboard a phone shows, e.g. numeric for a number of days. */
  inputMode?: 'text' | 'numeric';
}

export function fieldId(name: string): string {
  return `site-field-${name}`;
}

export function SiteField(props: SiteFieldProps) {
  const id = fieldId(props.name);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [props.hint ? hintId : '', props.error ? errorId : ''].filter(Boolean).join(' ');
  const shared = {
    id,
    name: props.name,
    value: props.value,
    required: props.required,
    placeholder: props.placeholder,
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  };
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.multiline ? (
        <textarea {...shared} rows={3} onInput={(event) => props.onInput(event.currentTarget.value)} />
      ) : (
        <input
          {...shared}
          type={props.type ?? 'text'}
          autoComplete={props.autoComplete ?? 'off'}
          inputMode={props.inputMode}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
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
