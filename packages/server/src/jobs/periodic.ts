/** A loop started by runPeriodically. */
export interface Periodic {
  /** Stops the loop and waits for a run under way. */
  stop(): Promise<void>;
}

/**
 * Runs `work` now and then `everyMs` after each run ends: never two runs at once, a failure
 * told to `onError` and the loop going on, and a timer that never keeps the process alive
 * (the HTTP server does). The one shape of the server's sweepers and schedulers.
 */
export function runPeriodically(
  work: () => Promise<unknown>,
  everyMs: number,
  onError: (error: unknown) => void,
): Periodic {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    running = work()
      .then(() => undefined)
      .catch(onError)
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(run, everyMs);
        timer.unref();
      });
  };
  run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
