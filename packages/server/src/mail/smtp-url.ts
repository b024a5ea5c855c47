/**
 * Checks ERRATA_SMTP_URL's shape at start-up; returns a sentence when it is wrong. The
 * sentence never repeats the value: it may hold the SMTP password.
 */
export function smtpUrlProblem(smtpUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return 'ERRATA_SMTP_URL is not a URL: write it like smtp://user:password@mail.example:587';
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return `ERRATA_SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`;
  }
  if (!url.hostname) return 'ERRATA_SMTP_URL names no host: write it like smtp://mail.example:587';
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    return 'ERRATA_SMTP_URL has a user or password with a % that starts no escape: write % as %25 (and @ as %40, / as %2F)';
  }
  return null;
}
