/** Finds the mistakes readers would report: see README.md for the rules and what they cost. */
export { capitalisedNames } from './capitalised-names.ts';
export { check } from './check.ts';
export { loadDictionary } from './dictionary.ts';
export type { CheckOptions, Finding, ProofreaderRule } from './finding.ts';
export { PROOFREADER_RULES } from './finding.ts';
export { SUPPORTED_LANGUAGES, type SupportedLanguage } from './languages.ts';
export { PRODUCT_CONFIDENCE_THRESHOLD } from './threshold.ts';
