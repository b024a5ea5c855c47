import { check } from '../check.ts';
import type { CheckOptions, Finding } from '../finding.ts';
import { PRODUCT_CONFIDENCE_THRESHOLD } from '../threshold.ts';

/** The findings the product would turn into errata: those at or above the threshold. */
export async function reported(text: string, options: CheckOptions): Promise<Finding[]> {
  return (await check(text, options)).filter((finding) => finding.confidence >= PRODUCT_CONFIDENCE_THRESHOLD);
}

/** The reported findings of one rule, as `text → first suggestion` pairs, easy to compare. */
export async function reportedBy(rule: Finding['rule'], text: string, lang = 'en'): Promise<string[]> {
  return (await reported(text, { lang }))
    .filter((finding) => finding.rule === rule)
    .map((finding) => `${finding.text} → ${finding.suggestions[0] ?? ''}`);
}
