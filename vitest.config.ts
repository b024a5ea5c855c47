import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './scripts/summary-reporter.ts';

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
      'bench/src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'e2e/**/*.test.ts',
    ],
    testTimeout: 30_000,
    // expect.poll waits on real browsers and servers on 2 shared cores: a second (Vitest's
    // default) is a flake waiting to happen under load, ten seconds is the budget of every poll
    // that names none; a poll that passes returns as soon as it does.
    expect: { poll: { timeout: 10_000, interval: 50 } },
    hookTimeout: 60_000,
    // Browser and server tests start real processes; two cores are all we have.
    maxWorkers: 2,
    reporters: ['default', new SummaryReporter()],
  },
});
