/**
 * Node's flags for `errata start`, given on its command line: V8 reads them when the process
 * starts, and setting them later (as `cli/main.ts` does the heap's growth) changes nothing.
 * The serving thread's heap for new objects is kept to semi-spaces of 4 MB (V8 grows them
 * to 16 MB under load): in a flood of reports the server's peak memory was ~25 MB lower
 * (220–224 MB against 246–251), for ~2 % fewer reports a second (bench/README.md). The worker
 * threads set their own (`domain/grouping-thread.ts`, `domain/intake-thread.ts`).
 * The root package.json's `start` script and `docs/deploy/errata.service` pass them
 * (`node-flags.test.ts` checks both), and so does the bench's server process.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];
