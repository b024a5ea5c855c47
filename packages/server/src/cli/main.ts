import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import type { MemberRole } from '@errata/core';
import { loadConfig } from '../config.ts';
import { createApiToken } from '../domain/api-tokens.ts';
import { ensureDemoSite } from '../domain/demo-site.ts';
import { ErrataError } from '../domain/errors.ts';
import { createInvitationAsOperator } from '../domain/invitations.ts';
import { createSite } from '../domain/sites.ts';
import { addUser, normalizeEmail } from '../domain/users.ts';
import { migrateToLatest } from '../store/migrator.ts';
import { openStore, type Store } from '../store/open-store.ts';
import { setSiteFlag } from '../store/site-flags-store.ts';
import { backupSqlite, restoreSqlite } from './backup.ts';
import { printBanner } from './banner.ts';
import { migrateData } from './migrate-data.ts';

const USAGE = `Usage: errata <command>

  start                              start the server (PORT, ERRATA_DATA_DIR, ERRATA_DATABASE_URL …)
  migrate                            bring the database schema up to date
  user add --email E --password P    add an editor account
       [--role owner|editor|viewer]  role on the sites (default: owner)
       [--site ID]...                sites to join (default: every site that exists now)
       [--reset]                     reset an existing account's password (signs it out everywhere);
                                     its roles change only on the --site given
  site add --id ID --origin URL...   add a site whose pages at these origins may report
       [--name N] [--key K] [--root SELECTOR]
  site local ID on|off               let the recheck and webhooks reach loopback and private
                                     addresses (an intranet; no site is local unless set here)
  site public-log ID on|off          publish the site's verified corrections at /c/ID
  site invite --site ID              print a link that lets someone join the site (7 days, once)
       [--role owner|editor|viewer]  their role (default: editor)
       [--email E]                   whom it is for, shown in the site's invitation list
  token create --site ID [--name N]  print a new API token for scripts (Authorization: Bearer …)
  migrate-data --from URL --to URL   copy every row to another database (e.g. sqlite:./data/errata.db
       [--continue]                  to postgres://…) and verify counts and contents; --continue
                                     resumes a copy that was cut short (the target holds rows)
  backup FILE                        copy the SQLite database to FILE while the server runs
                                     (a consistent snapshot, checked); PostgreSQL: pg_dump
  restore FILE [--force]             put a backup in place of the database (the server stopped);
                                     --force replaces an existing one, kept beside it, renamed
  check FILE|URL [--lang L]          proofread a .txt file, an .html file or a page (fetched as the
       [--format text|json]          recheck fetches it) and print the findings confident enough to
                                     become errata (confidence ≥ the product's threshold); --lang
                                     defaults to the page's <html lang>, else en. Exit 0 when it
                                     ran, 2 when the input or an option could not be read
  help                               this text
`;

/** Runs one CLI command; returns the process exit code. Errors print as one line. */
export async function main(argv: string[]): Promise<number> {
  const [command, sub] = argv;
  try {
    switch (command) {
      case 'start':
        await start();
        return 0;
      case 'migrate':
        return await withStore({ migrate: false }, async (store) => {
          const applied = await migrateToLatest(store.db);
          await ensureDemoSite(store);
          console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the database is up to date');
        });
      case 'user':
        if (sub !== 'add') break;
        return await withStore({ migrate: true }, (store) => userAdd(store, argv.slice(2)));
      case 'site':
        if (sub === 'local' || sub === 'public-log') {
          return await withStore({ migrate: true }, (store) => siteFlag(store, sub, argv.slice(2)));
        }
        if (sub === 'invite') {
          return await withStore({ migrate: true }, (store) => siteInvite(store, argv.slice(2)));
        }
        if (sub !== 'add') break;
        return await withStore({ migrate: true }, (store) => siteAdd(store, argv.slice(2)));
      case 'migrate-data':
        return await migrateData(argv.slice(1));
      case 'check': {
        // Loaded on use: the proofreader's dictionaries are no cost to the other commands.
        const { checkCommand } = await import('./check.ts');
        return await checkCommand(argv.slice(1));
      }
      case 'backup':
      case 'restore':
        return backupOrRestore(command, argv.slice(1));
      case 'token':
        if (sub !== 'create') break;
        return await withStore({ migrate: true }, (store) => tokenCreate(store, argv.slice(2)));
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
    }
    process.stderr.write(`errata: unknown command "${argv.join(' ')}"\n\n${USAGE}`);
    return 1;
  } catch (error) {
    process.stderr.write(`errata: ${describe(error)}\n`);
    return 1;
  }
}

/**
 * How far past the live heap V8 lets the heap grow before its next full collection, in
 * percent. V8 sizes that growth by the most memory it may take, which on a machine with gigabytes
 * is a factor of ~4: under a report flood the heap filled with ~150 MB of garbage before a
 * collection, and the server's peak memory passed 250 MB. At 50 % it peaked near 210 MB,
 * at the same rate of reports (bench/README.md).
 */
const HEAP_GROWTH_PERCENT = 50;

/** Sets V8's heap growth for this process: read at every full collection, so it applies from now on. */
function keepHeapNearLive(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
}

async function start(): Promise<void> {
  keepHeapNearLive();
  const { startServer, STOP_DEADLINE_MS } = await import('../server.ts');
  const config = loadConfig();
  const server = await startServer(config);
  printBanner(server, config);
  let stopping = false;
  const giveUp = (why: string) => {
    const pending = server.pending();
    process.stderr.write(
      `errata: ${why}, still waiting for: ${pending.length ? pending.join(', ') : 'nothing named'}; exiting with code 1\n`,
    );
    process.exit(1);
  };
  // SIGTERM (an orchestrator, systemd) or SIGINT (Ctrl+C): a graceful stop within STOP_DEADLINE_MS, exit 0.
  const stop = async (signal: string) => {
    if (stopping) {
      giveUp(`${signal} again while stopping`);
      return;
    }
    stopping = true;
    console.log(`\n${signal}: finishing accepted reports and stopping …`);
    const deadline = setTimeout(
      () => giveUp(`not stopped after ${STOP_DEADLINE_MS / 1000} s`),
      STOP_DEADLINE_MS,
    );
    try {
      await server.close();
    } catch (error) {
      giveUp(`the stop failed (${describe(error)})`);
    }
    clearTimeout(deadline);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function withStore(
  options: { migrate: boolean },
  run: (store: Store) => Promise<void>,
): Promise<number> {
  const config = loadConfig();
  const store = openStore(config.databaseUrl, { poolSize: config.databasePool });
  try {
    if (options.migrate) {
      await migrateToLatest(store.db);
      await ensureDemoSite(store);
    }
    await run(store);
    return 0;
  } finally {
    await store.close();
  }
}

async function userAdd(store: Store, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      site: { type: 'string', multiple: true },
      reset: { type: 'boolean', default: false },
    },
  });
  if (!values.email || !values.password)
    throw new ErrataError('invalid', 'user add needs --email and --password');
  const result = await addUser(store, {
    email: values.email,
    password: values.password,
    role: values.role as MemberRole | undefined,
    sites: values.site,
    updateExisting: values.reset,
  });
  const email = normalizeEmail(values.email);
  const where = result.sites.length > 0 ? ` as ${result.role} of ${result.sites.join(', ')}` : '';
  if (result.created) console.log(`added ${email}${where || ' (member of no site yet)'}`);
  else
    console.log(`reset the password of ${email} and signed it out everywhere${where ? `; now${where}` : ''}`);
}

async function siteAdd(store: Store, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      id: { type: 'string' },
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      key: { type: 'string' },
      root: { type: 'string' },
    },
  });
  if (!values.id || !values.origin)
    throw new ErrataError('invalid', 'site add needs --id and at least one --origin');
  const site = await createSite(store, {
    id: values.id,
    name: values.name ?? values.id,
    origins: values.origin,
    publicKey: values.key,
    rootSelector: values.root,
  });
  console.log(`added site ${site.id} for ${site.allowedOrigins.join(', ')}; embed it with:`);
  console.log(`  <script src="<errata server>/widget.js" data-site="${site.publicKey}" async></script>`);
  console.log('add its editors with: errata user add --email … --password … --site', site.id);
}

async function siteFlag(store: Store, which: 'local' | 'public-log', args: string[]): Promise<void> {
  const [id, value] = args;
  if (!id || (value !== 'on' && value !== 'off')) {
    throw new ErrataError(
      'invalid',
      `site ${which} needs a site id and on or off, e.g. errata site ${which} courier on`,
    );
  }
  const on = value === 'on';
  if (!(await setSiteFlag(store.db, id, which === 'local' ? 'local' : 'publicLog', on))) {
    throw new ErrataError('not_found', `no site "${id}"`);
  }
  console.log(
    which === 'local'
      ? `${id}: the recheck ${on ? 'may now fetch pages on loopback and private addresses' : 'fetches public addresses only'}`
      : `${id}: the corrections log at /c/${id} is ${on ? 'published' : 'no longer published'}`,
  );
}

async function siteInvite(store: Store, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { site: { type: 'string' }, role: { type: 'string' }, email: { type: 'string' } },
  });
  if (!values.site) throw new ErrataError('invalid', 'site invite needs --site <site id>');
  const invitation = await createInvitationAsOperator(
    store,
    values.site,
    { role: (values.role ?? 'editor') as MemberRole, email: values.email },
    loadConfig().publicUrl,
  );
  console.log(invitation.url);
  console.log(`works once, until ${invitation.expiresAt}; send it privately`);
}

async function tokenCreate(store: Store, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { site: { type: 'string' }, name: { type: 'string' } } });
  if (!values.site) throw new ErrataError('invalid', 'token create needs --site <site id>');
  console.log(await createApiToken(store, values.site, values.name ?? 'cli'));
}

function backupOrRestore(command: 'backup' | 'restore', args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    throw new ErrataError(
      'invalid',
      `${command} needs one file name, e.g. errata ${command} errata-backup.db`,
    );
  }
  const { databaseUrl } = loadConfig();
  const kb = (bytes: number) => `${Math.ceil(bytes / 1024).toLocaleString('en')} KB`;
  if (command === 'backup') {
    const backup = backupSqlite(databaseUrl, file);
    console.log(
      `backed up to ${backup.file}: ${backup.errata} errata, ${backup.reports} reports${waitingNote(backup.waiting)}, ${kb(backup.bytes)}`,
    );
  } else {
    const restored = restoreSqlite(databaseUrl, file, { force: values.force });
    console.log(
      `restored ${restored.file}: ${restored.errata} errata, ${restored.reports} reports${waitingNote(restored.waiting)}`,
    );
    if (restored.keptAs) console.log(`the database it replaced is kept as ${restored.keptAs}`);
  }
  return 0;
}

/** Reports a backup holds not yet grouped, when there are any. */
function waitingNote(waiting: number): string {
  return waiting > 0 ? ` (and ${waiting} to group)` : '';
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
