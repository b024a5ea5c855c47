import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { mailFromProblem } from './mail-from.ts';
import { smtpUrlProblem } from './smtp-url.ts';

describe('ERRATA_SMTP_URL', () => {
  it('should accept smtp:// and smtps:// with an encoded password', () => {
    expect(smtpUrlProblem('smtp://user:p%40ss@mail.example:587')).toBeNull();
    expect(smtpUrlProblem('smtps://mail.example')).toBeNull();
  });

  it('should explain a stray % in the password without repeating the password', () => {
    const problem = smtpUrlProblem('smtp://user:50%off@mail.example');
    expect(problem).toContain('write % as %25');
    expect(problem).not.toContain('50%off');
  });

  it('should not repeat a value that is no URL (it may hold a password)', () => {
    expect(smtpUrlProblem('user:secret@mail')).not.toContain('secret');
  });
});

describe('ERRATA_MAIL_FROM', () => {
  it.each(['errata@news.example', 'Errata <errata@news.example>', '"Errata, news" <errata@news.example>'])(
    'should accept %s',
    (from) => {
      expect(mailFromProblem(from)).toBeNull();
    },
  );

  it.each(['Errata', 'Errata <errata>', 'a@b.example\r\nBcc: x@y.example'])('should refuse %j', (from) => {
    expect(mailFromProblem(from)).toContain('is not a sender');
  });

  it('should stop the server from starting with a wrong sender, saying how to write it', () => {
    expect(() => loadConfig({ ERRATA_SMTP_URL: 'smtp://mail.example', ERRATA_MAIL_FROM: 'Errata' })).toThrow(
      'ERRATA_MAIL_FROM "Errata" is not a sender',
    );
  });
});
