import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Starts the worker `name` (e.g. 'grouping-worker') that sits beside the module at `callerUrl`:
 * in the build, the file build.ts writes beside the bundle (`dist/${name}.js`); run as
 * TypeScript, `${name}.ts` through tsx's loader.
 */
export function startWorkerThread(
  callerUrl: string,
  name: string,
  workerData: object,
  resourceLimits: ResourceLimits,
): Worker {
  if (!callerUrl.endsWith('.ts')) {
    return new Worker(new URL(`./${name}.js`, callerUrl), { workerData, resourceLimits });
  }
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(
    `const { workerData } = require('node:worker_threads');
     import(workerData.loader).then(({ register }) => { register(); return import(workerData.entry); });`,
    { eval: true, workerData: { ...workerData, loader: tsxLoaderUrl(), entry }, resourceLimits },
  );
}

/** tsx's ESM API, as a URL an eval'd worker imports. */
function tsxLoaderUrl(): string {
  // tsx's CommonJS build of this API registers a loader path that does not exist.
  const resolved = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(resolved.replace(/\.cjs$/, '.mjs')).href;
}

/** How soon a thread that ended without being asked to is started again. */
const RESTART_AFTER_MS = 1_000;

/** What a kept thread tells its owner: its messages, its errors, and that it ended. */
export interface KeptThreadEvents<Out> {
  message(message: Out): void;
  error(error: unknown): void;
  /** It ended (asked to or not): whatever waited for its answers will not get them. */
  exit(): void;
}

/**
 * A worker thread kept running until closed: started at once, and started again
 * RESTART_AFTER_MS after it ends without being asked to (an error its owner is told of).
 */
export class KeptWorkerThread<In, Out> {
  private worker: Worker | null = null;
  private closed = false;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(
    /** The thread in words, for the error told when it ends ("the grouping thread"). */
    private readonly what: string,
    private readonly startWorker: () => Worker,
    private readonly events: KeptThreadEvents<Out>,
  ) {
    this.start();
  }

  /** Posts to the thread; false when none runs (it ended and is not started again yet, or it is closed). */
  post(message: In): boolean {
    if (!this.worker || this.closed) return false;
    this.worker.postMessage(message);
    return true;
  }

  /** Asks the thread to end by its own message `closing`, and resolves once it has; it is not started again. */
  async close(closing: In): Promise<void> {
    this.closed = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const worker = this.worker;
    if (!worker) return;
    const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage(closing);
    await gone;
  }

  private start(): void {
    const worker = this.startWorker();
    this.worker = worker;
    worker.on('message', (message: Out) => this.events.message(message));
    worker.on('error', (error) => this.events.error(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
      this.events.exit();
      if (this.closed) return;
      this.events.error(new Error(`${this.what} ended; starting it again`));
      this.restartTimer = setTimeout(() => {
        this.restartTimer = null;
        if (!this.closed) this.start();
      }, RESTART_AFTER_MS);
    });
  }
}
