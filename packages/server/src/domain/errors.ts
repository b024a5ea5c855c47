/** What kind of refusal an ErrataError is; the HTTP layer maps each to a status code. */
export type RefusalKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'unavailable';

/** A refusal meant for a person: its message is shown as-is, so it must say what to do. */
export class ErrataError extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ErrataError';
  }
}
