import { describe, expect, it } from 'vitest';
import { completeReport, type ReportDraft } from './complete-report.ts';

const draft: ReportDraft = {
  site: 'demo-site',
  url: 'https://news.example.org/bridge',
  title: 'Bridge vote',
  lang: 'en',
  quote: { exact: 'Minks', prefix: 'The mayor of ', suffix: ' said no.' },
  position: { start: 13, end: 18 },
};
const clientId = 'Zx3-k9_QwErTyUiOp12345';

describe('completeReport', () => {
  it('should leave out a correction the reader did not change, and an empty comment', () => {
    expect(
      completeReport(draft, { suggestion: ' Minks ', comment: '  ', email: ' ', website: '' }, clientId),
    ).toStrictEqual({ ...draft, clientId });
  });

  it('should send the hidden website field only when something filled it (a bot)', () => {
    expect(completeReport(draft, { website: 'http://pills.example' }, clientId)).toStrictEqual({
      ...draft,
      clientId,
      website: 'http://pills.example',
    });
  });

  it('should leave out an emptied correction', () => {
    expect(completeReport(draft, { suggestion: '' }, clientId)).not.toHaveProperty('suggestion');
  });

  it('should send a changed correction and a comment, trimmed, with the report id', () => {
    expect(
      completeReport(draft, { suggestion: ' Minsk\n', comment: ' Capital of Belarus. ' }, clientId),
    ).toStrictEqual({
      ...draft,
      clientId,
      suggestion: 'Minsk',
      comment: 'Capital of Belarus.',
    });
  });

  it('should send the kind the reader chose and their e-mail address, trimmed', () => {
    expect(completeReport(draft, { kind: 'factual', email: ' reader@example.org ' }, clientId)).toStrictEqual(
      {
        ...draft,
        clientId,
        kind: 'factual',
        email: 'reader@example.org',
      },
    );
  });
});
