import { describe, expect, it } from 'vitest';
import { bannerText, withoutPassword } from './banner.ts';

describe('the start banner', () => {
  const server = (demo: { on: boolean; why: string }) => ({
    url: 'http://localhost:8080',
    firstSignIn: { kind: 'users-exist' } as const,
    demo,
  });
  const config = { databaseUrl: 'sqlite:data/errata.db' };

  it('should say the demo newsroom is on, why, and where', () => {
    const text = bannerText(server({ on: true, why: 'ERRATA_DEMO=auto: no other site yet' }), config);
    expect(text).toContain('  Demo newsroom: on (ERRATA_DEMO=auto: no other site yet)\n');
    expect(text).toContain('http://localhost:8080/demo/   (select a mistake, press Ctrl+Enter)');
  });

  it('should say the demo newsroom is off, why, and how to turn it on', () => {
    const text = bannerText(
      server({ on: false, why: 'ERRATA_DEMO=auto: a site of your own exists' }),
      config,
    );
    expect(text).toContain('  Demo newsroom: off (ERRATA_DEMO=auto: a site of your own exists)\n');
    expect(text).toContain('ERRATA_DEMO=on serves it at /demo/');
    expect(text).not.toContain('http://localhost:8080/demo/');
  });

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
