import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './node-flags.ts';

const fromRoot = (path: string) => readFileSync(new URL(`../../../../${path}`, import.meta.url), 'utf8');

describe("the server's Node flags, where the server is started", () => {
  it('should be given by `npm start`', () => {
    const { scripts } = JSON.parse(fromRoot('package.json')) as { scripts: Record<string, string> };
    expect(scripts.start).toContain(
      `node ${SERVER_NODE_FLAGS.join(' ')} packages/server/bin/errata.js start`,
    );
  });

  it('should be given by the systemd unit of the deployment guide', () => {
    const execStart = fromRoot('docs/deploy/errata.service')
      .split('\n')
      .find((line) => line.startsWith('ExecStart='));
    expect(execStart).toBe(
      `ExecStart=/usr/bin/node ${SERVER_NODE_FLAGS.join(' ')} packages/server/bin/errata.js start`,
    );
  });
});
