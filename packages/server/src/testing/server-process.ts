import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../cli/node-flags.ts';

/** How long the server may take to answer /healthz after spawning (tsx compiles the server on start). */
const START_TIMEOUT_MS = 60_000;
/** How long SIGTERM may take (it waits for accepted reports to commit) before SIGKILL. */
const STOP_TIMEOUT_MS = 30_000;
/** Characters of the server's output kept for error messages. */
const OUTPUT_KEPT = 8_000;
const ERRATA_BIN = fileURLToPath(new URL('../../bin/errata.js', import.meta.url));

/** A real `errata start` running as a child process on 127.0.0.1 (the bench, and tests of several instances). */
export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  origin: string;
  pid: number | undefined;
  /** The end of what the server printed (banner, warnings, errors). */
  output(): string;
  /** SIGTERM, then waits for the process to exit (SIGKILL after a timeout); returns its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL at once, as a crash or an out-of-memory kill would; resolves once it is gone. */
  kill(): Promise<void>;
}

export interface ServerStartOptions {
  /** The working directory (relative paths in the environment are read from it); default: this one. */
  cwd?: string;
  port: number;
  dataDir: string;
  /** Extra environment, e.g. ERRATA_BENCH_ROUTES. */
  env: Record<string, string>;
}

export async function startServerProcess(options: ServerStartOptions): Promise<ServerProcess> {
  const origin = `http://127.0.0.1:${options.port}`;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ERRATA_BIN, 'start'], {
    ...(options.cwd ? { cwd: options.cwd } : {}),
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      ERRATA_DATA_DIR: options.dataDir,
      ERRATA_PUBLIC_URL: origin,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // Should the benchmark itself die, do not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const server: ServerProcess = {
    origin,
    pid: child.pid,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      process.removeListener('exit', killOnExit);
      return child.exitCode;
    },
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
      process.removeListener('exit', killOnExit);
    },
  };

  try {
    await waitForHealth(origin, child, exited);
  } catch (error) {
    await server.stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output.trim()}`);
  }
  return server;
}

async function waitForHealth(origin: string, child: ChildProcess, exited: Promise<number | null>) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let gone = false;
  void exited.then(() => {
    gone = true;
  });
  while (Date.now() < deadline) {
    if (gone) throw new Error(`the server exited during start (code ${child.exitCode})`);
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not answer ${origin}/healthz with 200 within ${START_TIMEOUT_MS / 1000} s`);
}
