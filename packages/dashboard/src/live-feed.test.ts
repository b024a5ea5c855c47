import { describe, expect, it } from 'vitest';
import { parseErratumEvent } from './live-feed.ts';

describe('parseErratumEvent', () => {
  it('reads an erratum.updated message', () => {
    const data = JSON.stringify({
      type: 'erratum.updated',
      erratum: { id: 'e1', site: 'demo', status: 'open', reports: 2 },
      cause: 'report',
      actorId: null,
    });
    expect(parseErratumEvent(data)?.erratum.id).toBe('e1');
  });

  it('refuses what is not JSON, or not an erratum event', () => {
    expect(parseErratumEvent('{')).toBeNull();
    expect(parseErratumEvent('null')).toBeNull();
    expect(
      parseErratumEvent(JSON.stringify({ type: 'other', erratum: { id: 'e1', site: 'demo' } })),
    ).toBeNull();
    expect(parseErratumEvent(JSON.stringify({ type: 'erratum.updated', erratum: { id: 1 } }))).toBeNull();
    expect(parseErratumEvent(undefined)).toBeNull();
  });
});
