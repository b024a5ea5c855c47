import { describe, expect, it } from 'vitest';
import { QUEUE_MAX_AGE_MS } from '../../../widget/src/delivery/queue.ts';
import { RECEIPT_MAX_AGE_MS, RECEIPTS_MAX } from '../../../widget/src/delivery/receipts.ts';
import { WIDGET_QUEUE_DAYS, WIDGET_RECEIPT_DAYS, WIDGET_RECEIPTS_MAX } from './privacy-page.ts';

const DAY_MS = 24 * 3600 * 1000;

describe('what the privacy page says the widget keeps in the browser', () => {
  it("should be what the widget keeps: an offline report's days, and how many sent reports' ids for how long", () => {
    expect(WIDGET_QUEUE_DAYS * DAY_MS).toBe(QUEUE_MAX_AGE_MS);
    expect(WIDGET_RECEIPT_DAYS * DAY_MS).toBe(RECEIPT_MAX_AGE_MS);
    expect(WIDGET_RECEIPTS_MAX).toBe(RECEIPTS_MAX);
  });
});
