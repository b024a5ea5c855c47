#!/usr/bin/env node
// The errata command. It runs the server as built (dist/errata.js, by `npm run build`) when
// that is newer than every source file bundled into it; otherwise the TypeScript itself,
// through tsx's loader, so a checkout edited since its last build never runs old code.
// The build saves tsx's loader, a thread of its own: ~50 MB of memory (packages/server/build.ts).
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/errata.js', import.meta.url));
const sourceDirs = ['../src', '../../core/src', '../../proofreader/src'].map((dir) =>
  fileURLToPath(new URL(dir, import.meta.url)),
);

function builtIsCurrent() {
  let builtAt;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return false;
  }
  for (const dir of sourceDirs) {
    for (const name of readdirSync(dir, { recursive: true })) {
      if (statSync(`${dir}/${name}`).mtimeMs > builtAt) return false;
    }
  }
  return true;
}

let main;
if (builtIsCurrent()) {
  ({ main } = await import(built));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
