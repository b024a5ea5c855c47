/**
 * The steps of a server's stop, each named while it runs, so a stop that runs out of time
 * can say what it was still waiting for.
 */
export class StopSteps {
  private readonly running = new Set<() => string>();

  /** Runs one step; `name` is read when asked, so it may say how much is left ("120 reports"). */
  async run<T>(name: string | (() => string), work: () => Promise<T>): Promise<T> {
    const describe = typeof name === 'string' ? () => name : name;
    this.running.add(describe);
    try {
      return await work();
    } finally {
      this.running.delete(describe);
    }
  }

  /** The steps under way, in words. */
  pending(): string[] {
    return [...this.running].map((describe) => describe());
  }
}

/** Resolves true once `work` settled, or false when `ms` passed first. */
export async function settledWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
