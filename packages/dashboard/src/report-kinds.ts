import type { ReportKind } from '@errata/core';

/** What the inbox calls each kind of report. */
export const KIND_LABELS: Record<ReportKind, string> = {
  typo: 'Typo',
  factual: 'Factual error',
  link: 'Broken link or media',
  other: 'Other',
};
