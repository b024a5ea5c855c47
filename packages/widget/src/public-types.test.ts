/** The published errata.d.ts describes what the widget really sends and receives (checked by the type checker). */
import type { ReportInput, ReportReceipt } from '@errata/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { ErrataDraft, ErrataReceipt, ErrataReport } from '../errata.d.ts';
import type { ReportDraft } from './delivery/complete-report.ts';

describe('errata.d.ts', () => {
  it("should describe the server's receipt", () => {
    expectTypeOf<ReportReceipt>().toExtend<ErrataReceipt>();
  });

  it('should describe the reports and drafts the widget makes', () => {
    expectTypeOf<ReportInput>().toExtend<ErrataReport>();
    expectTypeOf<ReportDraft>().toExtend<ErrataDraft>();
  });
});
