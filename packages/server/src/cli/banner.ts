import type { Config } from '../config.ts';
import type { RunningServer } from '../server.ts';

/** What a person needs after `npm start`: where things are and how to sign in. */
export function printBanner(server: RunningServer, config: Config): void {
  console.log(bannerText(server, config));
}

/** The banner's text, ending with an empty line. */
export function bannerText(
  server: Pick<RunningServer, 'url' | 'firstSignIn' | 'demo'>,
  config: Pick<Config, 'databaseUrl'>,
): string {
  const url = server.url;
  const lines = [
    '',
    `  Errata is running at ${url}`,
    '',
    `  Demo newsroom: ${server.demo.on ? 'on' : 'off'} (${server.demo.why})`,
    server.demo.on
      ? `                  ${url}/demo/   (select a mistake, press Ctrl+Enter)`
      : '                  ERRATA_DEMO=on serves it at /demo/',
    `  Dashboard       ${url}/admin/`,
    `  API reference   ${url}/api/openapi.json`,
    `  Database        ${withoutPassword(config.databaseUrl)}`,
    '',
  ];
  const first = server.firstSignIn;
  if (first.kind === 'setup-link') {
    lines.push(
      '  No editor account exists yet. Create the first one (owner) with this one-time link:',
      `    ${url}/admin/setup?token=${first.token}`,
      '  (or restart with ERRATA_ADMIN_EMAIL and ERRATA_ADMIN_PASSWORD set)',
    );
  } else if (first.kind === 'owner-created') {
    lines.push(`  Sign in as ${first.email} with ERRATA_ADMIN_PASSWORD.`);
  } else {
    lines.push(
      '  Sign in with your editor account (add one with: npx errata user add --email … --password …).',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A database URL fit to print: its password, if any, replaced by stars. */
export function withoutPassword(url: string): string {
  if (!url.startsWith('postgres')) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}
