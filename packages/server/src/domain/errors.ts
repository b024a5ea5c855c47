/** What kind of refusal an ErrataError is; the HTTP layer maps each to a status code. */
export type RefusalKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_many'
  | 'unavailable'
  | 'unprocessable';

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

/** A refusal that passes with time: the HTTP layer answers 429 with Retry-After. */
export class RetryLaterError extends ErrataError {
  constructor(
    message: string,
    /** Whole seconds until the request may be made again (at least 1). */
    readonly retryAfterS: number,
  ) {
    super('too_many', message);
    this.name = 'RetryLaterError';
  }
}
