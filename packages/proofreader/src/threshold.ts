import { confidence } from './rules/confidence.ts';

/**
 * The confidence at or above which the server turns a finding into an erratum. Chosen so that
 * clean, carefully edited prose full of names stays under one finding per 1,000 words
 * (README.md, "Calibration"): unknown names sit below it, typos and doubled words above.
 */
export const PRODUCT_CONFIDENCE_THRESHOLD: number = confidence.threshold;
