import type { SiteSettings } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { fieldErrorsOf, formOf, originsOf, patchOf, retentionDaysOf } from './site-settings-form.ts';

const saved: SiteSettings = {
  id: 'demo',
  name: 'The demo newsroom',
  publicKey: 'demo',
  allowedOrigins: ['self', 'https://news.example.org'],
  rootSelector: null,
  defaultLang: null,
  desks: { factual: 'Standards' },
  cmsLinkTemplate: null,
  publicLog: false,
  readerEmail: false,
  proofOfWork: false,
  proofreadOnFirstReport: true,
  retentionDays: null,
  role: 'owner',
};

describe('site settings form', () => {
  it('should send the retention typed as days, and null when it is emptied', () => {
    expect(patchOf(saved, { ...formOf(saved), retentionDays: ' 30 ' })).toEqual({ retentionDays: 30 });
    const kept = { ...saved, retentionDays: 30 };
    expect(formOf(kept).retentionDays).toBe('30');
    expect(patchOf(kept, { ...formOf(kept), retentionDays: '' })).toEqual({ retentionDays: null });
  });

  it('should not send a retention that is not a whole number, so it never clears the saved one', () => {
    const kept = { ...saved, retentionDays: 30 };
    expect(retentionDaysOf('a month')).toBeUndefined();
    expect(retentionDaysOf('1.5')).toBeUndefined();
    expect(patchOf(kept, { ...formOf(kept), retentionDays: 'a month' })).toEqual({});
  });

  it('should send the proofreading of first-reported pages only when it is switched', () => {
    expect(formOf(saved).proofreadOnFirstReport).toBe(true);
    expect(patchOf(saved, { ...formOf(saved), proofreadOnFirstReport: false })).toEqual({
      proofreadOnFirstReport: false,
    });
  });

  it('should send nothing when nothing changed', () => {
    expect(patchOf(saved, formOf(saved))).toEqual({});
  });

  it('should send only what changed, clearing emptied text', () => {
    const form = formOf({ ...saved, rootSelector: 'main' });
    const patch = patchOf(
      { ...saved, rootSelector: 'main' },
      {
        ...form,
        name: ' The Courier ',
        rootSelector: '  ',
        origins: 'self\nhttps://news.example.org, https://m.example.org\n',
        desks: { ...form.desks, link: 'Web desk' },
        publicLog: true,
      },
    );
    expect(patch).toEqual({
      name: 'The Courier',
      rootSelector: null,
      allowedOrigins: ['self', 'https://news.example.org', 'https://m.example.org'],
      desks: { typo: '', factual: 'Standards', link: 'Web desk', other: '' },
      publicLog: true,
    });
  });

  it('should split origins on lines, commas and spaces', () => {
    expect(originsOf(' self \n\nhttps://a.example.org,https://b.example.org ')).toEqual([
      'self',
      'https://a.example.org',
      'https://b.example.org',
    ]);
  });

  it('should file server errors under the field they belong to', () => {
    expect(
      fieldErrorsOf({ 'allowedOrigins.1': 'is not an origin', 'desks.factual': 'too long', x: 'y' }),
    ).toEqual({ allowedOrigins: 'is not an origin', desks: 'too long' });
  });
});
