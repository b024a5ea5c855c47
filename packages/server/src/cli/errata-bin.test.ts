import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/errata.js', import.meta.url));
const nodeModules = fileURLToPath(new URL('../../../../node_modules', import.meta.url));

// A checkout in miniature: the real bin/errata.js, a "built" server and TypeScript sources that
// say which of the two ran, so each case sees the choice the command makes.
const root = mkdtempSync(join(tmpdir(), 'errata-bin-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const server = join(root, 'packages', 'server');
const built = join(server, 'dist', 'errata.js');
const coreSource = join(root, 'packages', 'core', 'src', 'deep', 'words.ts');
for (const dir of ['bin', 'dist', 'src/cli']) mkdirSync(join(server, dir), { recursive: true });
mkdirSync(join(root, 'packages', 'core', 'src', 'deep'), { recursive: true });
mkdirSync(join(root, 'packages', 'proofreader', 'src'), { recursive: true });
symlinkSync(nodeModules, join(root, 'node_modules'));
copyFileSync(bin, join(server, 'bin', 'errata.js'));
writeFileSync(join(server, 'package.json'), '{ "type": "module" }\n');
writeFileSync(
  join(server, 'src', 'cli', 'main.ts'),
  "export async function main(args: string[]): Promise<number> {\n  console.log(['source', ...args].join(' '));\n  return 0;\n}\n",
);
writeFileSync(coreSource, 'export const word: string = "word";\n');

function writeBuilt(): void {
  writeFileSync(
    built,
    "export async function main(args) {\n  console.log(['built', ...args].join(' '));\n  return 3;\n}\n",
  );
}

/** Sets a file's modification time `seconds` from now. */
function touch(file: string, seconds: number): void {
  const at = new Date(Date.now() + seconds * 1000);
  utimesSync(file, at, at);
}

function errata(...args: string[]) {
  const run = spawnSync(process.execPath, [join(server, 'bin', 'errata.js'), ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

describe('the errata command, built or not', { timeout: 60_000 }, () => {
  it('should run the built server when it is newer than every source file, with its exit code', () => {
    writeBuilt();
    touch(built, 60);
    expect(errata('start', '--x')).toEqual({ code: 3, stdout: 'built start --x', stderr: '' });
  });

  it('should run the TypeScript sources once any of them changed after the build, however deep', () => {
    writeBuilt();
    touch(built, 60);
    touch(coreSource, 120);
    expect(errata('start')).toMatchObject({ code: 0, stdout: 'source start' });
    // Built again: the build is the newest file once more.
    touch(built, 180);
    expect(errata('start')).toMatchObject({ code: 3, stdout: 'built start' });
  });

  it('should run the sources when nothing was built', () => {
    rmSync(built, { force: true });
    expect(errata('migrate')).toMatchObject({ code: 0, stdout: 'source migrate' });
  });
});
