import type { ErrataError } from '../../errata.d.ts';

type ErrataEvent = 'errata:open' | 'errata:sent' | 'errata:error';

/** Tells the page what happened, as a CustomEvent on document (see errata.d.ts for each detail). */
export function announce<T extends ErrataEvent>(type: T, detail: DocumentEventMap[T]['detail']): void {
  document.dispatchEvent(new CustomEvent(type, { detail }));
}

/** The error Errata.report() rejects with. */
export function errataError(message: string, status: number, queued: boolean): ErrataError {
  return Object.assign(new Error(message), { name: 'ErrataError' as const, status, queued });
}
