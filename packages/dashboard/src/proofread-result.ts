import type { ProofreadResult } from '@errata/core';

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What a "Proofread page" found, in one line for the notice.
 * @example proofreadSummary({ url, findings: 3, created: 2, errata }) === 'Proofread: 3 findings, 2 new errata.'
 */
export function proofreadSummary(result: Pick<ProofreadResult, 'findings' | 'created'>): string {
  if (result.findings === 0) return 'Proofread: no findings.';
  const created = result.created === 0 ? 'no new errata' : count(result.created, 'new erratum', 'new errata');
  return `Proofread: ${count(result.findings, 'finding', 'findings')}, ${created}.`;
}

/**
 * A wait in words, from Retry-After's seconds: seconds under a minute, else whole minutes, rounded up.
 * @example waitWords(30) === '30 seconds'; waitWords(125) === '3 minutes'
 */
export function waitWords(seconds: number): string {
  if (seconds < 60) return count(Math.max(1, Math.ceil(seconds)), 'second', 'seconds');
  return count(Math.ceil(seconds / 60), 'minute', 'minutes');
}

/**
 * Why a proofread was refused, for the notice: the server's sentence, with when to try again
 * when the site's hourly limit was reached (429) and the sentence does not say it already.
 */
export function proofreadRefusal(refusal: {
  status: number;
  message: string;
  retryAfterS: number | null;
}): string {
  const { status, message, retryAfterS } = refusal;
  if (status !== 429 || retryAfterS === null || /try again/i.test(message)) return message;
  return `${message.replace(/[.\s]*$/, '.')} Try again in ${waitWords(retryAfterS)}.`;
}
