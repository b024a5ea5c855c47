import { CLIENT_ID_PATTERN } from '@errata/core';
import { describe, expect, it } from 'vitest';
import { newClientId } from './client-id.ts';

describe('newClientId', () => {
  it('should make ids the server accepts', () => {
    for (let i = 0; i < 200; i++) expect(newClientId()).toMatch(new RegExp(CLIENT_ID_PATTERN));
  });

  it('should never make the same id twice', () => {
    const ids = new Set(Array.from({ length: 1000 }, newClientId));
    expect(ids.size).toBe(1000);
  });
});
