/**
 * Politeness towards the sites the recheck reads: one fetch at a time per host, a pause
 * between two fetches of one host, and no fetch at all while a host asked us to wait
 * (Retry-After). Hosts are independent: a slow site does not hold up the others.
 */

/** Pause between two fetches of one host, so a pass over many pages never looks like a flood. */
export const HOST_DELAY_MS = 2_000;
/** Most hosts remembered; older entries whose pause is over are forgotten first. */
const HOSTS_REMEMBERED = 1_000;

/** A host asked not to be fetched before `readyAt` (epoch ms), longer than the caller would wait. */
export class HostBusy extends Error {
  constructor(
    readonly host: string,
    readonly readyAt: number,
  ) {
    super(`${host} asked not to be fetched before ${new Date(readyAt).toISOString()}`);
    this.name = 'HostBusy';
  }
}

export class HostPoliteness {
  /** The end of the chain of fetches queued for each host. */
  private readonly tails = new Map<string, Promise<void>>();
  /** When each host may be fetched again (epoch ms). */
  private readonly readyAt = new Map<string, number>();

  constructor(
    private readonly delayMs: number = HOST_DELAY_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Runs `fetch` when the host's turn comes: after its earlier fetches, their pause, and any
   * Retry-After. With `waitAtMostMs`, rejects with HostBusy instead of waiting longer than
   * that once its turn comes (a Retry-After the fetch before it was given can last a day).
   */
  run<T>(host: string, fetch: () => Promise<T>, options: { waitAtMostMs?: number } = {}): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    const result = previous.then(async () => {
      const readyAt = this.readyAt.get(host) ?? 0;
      if (options.waitAtMostMs !== undefined && readyAt - this.now() > options.waitAtMostMs) {
        throw new HostBusy(host, readyAt);
      }
      await sleep(readyAt - this.now());
      try {
        return await fetch();
      } finally {
        this.readyAt.set(host, Math.max(this.readyAt.get(host) ?? 0, this.now() + this.delayMs));
      }
    });
    const tail = result.then(
      () => {},
      () => {},
    );
    this.tails.set(host, tail);
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
      this.forgetOldHosts();
    });
    return result;
  }

  /** Keeps every fetch of `host` waiting until `until` (epoch ms): the host's Retry-After. */
  holdUntil(host: string, until: number): void {
    this.readyAt.set(host, Math.max(this.readyAt.get(host) ?? 0, until));
  }

  /** When `host` may be fetched next (epoch ms); 0 when at once. */
  readyTime(host: string): number {
    return this.readyAt.get(host) ?? 0;
  }

  private forgetOldHosts(): void {
    if (this.readyAt.size <= HOSTS_REMEMBERED) return;
    const now = this.now();
    for (const [host, at] of this.readyAt) {
      if (at <= now && !this.tails.has(host)) this.readyAt.delete(host);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
