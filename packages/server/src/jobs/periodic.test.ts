import { describe, expect, it } from 'vitest';
import { runPeriodically } from './periodic.ts';

describe('runPeriodically', () => {
  it('runs at once, again after each run, never two at once, and goes on after a failure', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    const failures: unknown[] = [];
    const loop = runPeriodically(
      async () => {
        runs++;
        active++;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active--;
        if (runs === 2) throw new Error('the database is busy');
      },
      1,
      (error) => failures.push(error),
    );
    await expect.poll(() => runs, { timeout: 2_000 }).toBeGreaterThanOrEqual(4);
    await loop.stop();
    expect(most).toBe(1);
    expect(failures).toEqual([new Error('the database is busy')]);
  });

  it('waits for the run under way when stopped, and runs no more', async () => {
    let finished = false;
    let runs = 0;
    const loop = runPeriodically(
      async () => {
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished = true;
      },
      1,
      () => {},
    );
    await loop.stop();
    expect(finished).toBe(true);
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(runs).toBe(after);
  });
});
