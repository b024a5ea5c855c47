import { describe, expect, it } from 'vitest';
import { withoutPassword } from './banner.ts';

describe('the start banner', () => {
  it('should print a PostgreSQL URL without its password', () => {
    expect(withoutPassword('postgres://errata:s3cret@db.example:5432/errata')).toBe(
      'postgres://errata:***@db.example:5432/errata',
    );
    expect(withoutPassword('postgres://errata@db.example/errata')).toBe(
      'postgres://errata@db.example/errata',
    );
    expect(withoutPassword('sqlite:/srv/errata/errata.db')).toBe('sqlite:/srv/errata/errata.db');
  });
});
