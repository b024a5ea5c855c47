import { EMAIL_PATTERN } from '@errata/core';

const EMAIL = new RegExp(EMAIL_PATTERN);

/**
 * Checks ERRATA_MAIL_FROM at start-up, so a wrong sender is a clear line then rather than a
 * refusal by the mail server at every mail; returns a sentence when it is wrong.
 * @example mailFromProblem('Errata <errata@news.example>') === null
 */
export function mailFromProblem(from: string): string | null {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from.trim();
  if (/[\r\n]/.test(from) || !EMAIL.test(address)) {
    return `ERRATA_MAIL_FROM "${from.replace(/[\r\n]+/g, ' ')}" is not a sender: write it like errata@news.example or "Errata <errata@news.example>"`;
  }
  return null;
}
