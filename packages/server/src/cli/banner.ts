import type { Config } from '../config.ts';
import type { RunningServer } from '../server.ts';

/** What a person needs after `npm start`: where things are and how to sign in. */
export function printBanner(server: RunningServer, config: Config): void {
  const url = server.url;
  const lines = [
    '',
    `  Errata is running at ${url}`,
    '',
    `  Demo newsroom   ${url}/demo/   (select a mistake, press Ctrl+Enter)`,
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
  console.log(`${lines.join('\n')}\n`);
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
