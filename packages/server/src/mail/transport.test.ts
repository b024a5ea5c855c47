import { describe, expect, it } from 'vitest';
import { smtpRefusal } from './transport.ts';

describe('smtpRefusal', () => {
  it("keeps a reader's address out of the message every member of the site can read", () => {
    const error = Object.assign(
      new Error('550 5.1.1 <reader.name+tag@example.org>: Recipient address rejected'),
      {
        responseCode: 550,
      },
    );
    const refusal = smtpRefusal(error);
    expect(refusal).toMatchObject({ code: 550, permanent: true });
    expect(refusal.message).toBe(
      'the mail server did not take the mail: 550 5.1.1 <<address>>: Recipient address rejected',
    );
  });

  it('retries what the server refused for now', () => {
    const refusal = smtpRefusal(Object.assign(new Error('451 try later'), { responseCode: 451 }));
    expect(refusal).toMatchObject({ code: 451, permanent: false });
  });
});
