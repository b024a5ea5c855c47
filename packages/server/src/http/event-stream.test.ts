import { describe, expect, it } from 'vitest';
import { formatEvent } from './event-stream.ts';

describe('formatEvent', () => {
  it('should write the event name, its id and its JSON data, and end with a blank line', () => {
    expect(formatEvent('erratum.updated', 7, { reports: 2 })).toBe(
      'event: erratum.updated\nid: 7\ndata: {"reports":2}\n\n',
    );
  });

  it('should keep reader-typed line breaks inside the one data line, so they cannot start a field', () => {
    const message = formatEvent('erratum.updated', 1, { comment: 'nice\n\nevent: forged\r\ndata: x' });
    expect(message.split('\n')).toEqual([
      'event: erratum.updated',
      'id: 1',
      String.raw`data: {"comment":"nice\n\nevent: forged\r\ndata: x"}`,
      '',
      '',
    ]);
  });
});
