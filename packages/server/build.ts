/**
 * Builds the server into one ES module, dist/errata.js, which bin/errata.js runs when it is
 * newer than every source file it holds. Run as TypeScript through tsx, the server carries
 * tsx's loader (a thread of its own) all its life: ~50 MB more resident memory at idle
 * (bench/README.md). Our workspace packages are bundled; every other package stays an import,
 * resolved from node_modules as before. Not minified: stack traces keep their names.
 */
import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const here = import.meta.dirname;
const outdir = join(here, 'dist');
/** The workspace packages the server's code comes from: bundled, so no .ts is imported at run time. */
const BUNDLED_PACKAGES = ['server', 'core', 'proofreader'] as const;

const external = new Set<string>();
for (const name of BUNDLED_PACKAGES) {
  const manifest = JSON.parse(readFileSync(join(here, '..', name, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    if (!dependency.startsWith('@errata/')) external.add(dependency);
  }
}

/** Each file built: the server, and the threads it starts (domain/grouping-thread.ts, domain/intake-thread.ts). */
const ENTRIES = {
  errata: join('cli', 'main.ts'),
  'grouping-worker': join('domain', 'grouping-worker.ts'),
  'intake-worker': join('domain', 'intake-worker.ts'),
};

// Written beside and renamed into place: a server starting meanwhile never reads half a file.
// The server last, as bin/errata.js runs it only when it is newer than every source file.
for (const [name, source] of Object.entries(ENTRIES).reverse()) {
  const outfile = join(outdir, `${name}.js`);
  await build({
    entryPoints: [join(here, 'src', source)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...external].flatMap((dependency) => [dependency, `${dependency}/*`]),
    outfile: `${outfile}.tmp`,
    logLevel: 'warning',
  });
  renameSync(`${outfile}.tmp`, outfile);
}
