import { describe, expect, it } from 'vitest';
import { reportedBy } from '../testing/findings.ts';

describe('repeated-word', () => {
  it('reports a word written twice, whatever its case', async () => {
    expect(await reportedBy('repeated-word', 'The the committee wanted to to keep it low.')).toEqual([
      'The the → The',
      'to to → to',
    ]);
  });

  it('reports a doubling across a line break', async () => {
    expect(await reportedBy('repeated-word', 'said that the\nthe committee met')).toEqual(['the\nthe → the']);
  });

  it('leaves grammatical doublings alone', async () => {
    expect(await reportedBy('repeated-word', 'He had had enough, and said that that was fine.')).toEqual([]);
    expect(await reportedBy('repeated-word', 'Nous nous levons tôt.', 'fr')).toEqual([]);
  });

  it('never reports across punctuation', async () => {
    expect(await reportedBy('repeated-word', 'It was late, late in the evening. Evening fell.')).toEqual([]);
  });

  it('leaves doubled place names and a heading followed by its caption alone', async () => {
    expect(await reportedBy('repeated-word', 'They flew to Bora Bora in May.')).toEqual([]);
    expect(await reportedBy('repeated-word', 'Endpoints\nEndpoints in version 2')).toEqual([]);
  });

  it('works in languages without a dictionary', async () => {
    expect(await reportedBy('repeated-word', 'Het huis is is groot.', 'nl')).toEqual(['is is → is']);
  });
});
