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
