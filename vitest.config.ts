import { defineConfig } from 'vitest/config';
import { postgresUnavailable } from './packages/server/src/testing/test-database.ts';
import { SummaryReporter } from './scripts/summary-reporter.ts';

// The server's tests, with those that need several connections at once (*.postgres.test.ts).
const SERVER_TESTS = 'packages/server/src/**/*.test.ts';
const POSTGRES_E2E = [
  'e2e/vertical-slice.test.ts',
  'e2e/widget-delivery.test.ts',
  'e2e/inbox-live.test.ts',
  'e2e/dashboard-triage.test.ts',
  'e2e/notifications.test.ts',
  'e2e/site-admin.test.ts',
];

const postgresMissing = await postgresUnavailable();
if (postgresMissing) console.log(`${postgresMissing}: the server's tests run on SQLite only.`);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // expect.poll waits on real browsers and servers on 2 shared cores: a second (Vitest's
    // default) is a flake waiting to happen under load, ten seconds is the budget of every poll
    // that names none; a poll that passes returns as soon as it does.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 60_000,
    // Browser and server tests start real processes; two cores are all we have.
    maxWorkers: 2,
    reporters: ['default', new SummaryReporter()],
    projects: [
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          exclude: ['**/node_modules/**', '**/*.postgres.test.ts'],
          include: [
            'packages/*/src/**/*.test.{ts,tsx}',
            'bench/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'e2e/**/*.test.ts',
          ],
        },
      },
      // The server's tests again, each on a fresh PostgreSQL database (testing/test-database.ts).
      ...(postgresMissing
        ? []
        : [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: [SERVER_TESTS],
                env: { ERRATA_TEST_DATABASE: 'postgres' },
              },
            },
            // The browser's ingest, inbox, outbox and isolation paths against a server on PostgreSQL.
            {
              extends: true as const,
              test: {
                name: 'postgres-e2e',
                include: POSTGRES_E2E,
                env: { ERRATA_TEST_DATABASE: 'postgres' },
              },
            },
          ]),
    ],
  },
});
