/**
 * Run settings read from the environment: BENCH_DURATION (seconds, default 10),
 * BENCH_ROUNDS (default 3), BENCH_CONNECTIONS (default 50), BENCH_PAGE_LOADS (default 30).
 */
export interface BenchSettings {
  durationSeconds: number;
  rounds: number;
  connections: number;
  pageLoads: number;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    durationSeconds: positiveInteger(env, 'BENCH_DURATION', 10, 600),
    rounds: positiveInteger(env, 'BENCH_ROUNDS', 3, 50),
    connections: positiveInteger(env, 'BENCH_CONNECTIONS', 50, 1000),
    pageLoads: positiveInteger(env, 'BENCH_PAGE_LOADS', 30, 1000),
  };
}

function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} "${raw}" must be a whole number from 1 to ${max}`);
  }
  return value;
}
