import { PROOF_OF_WORK_STATUS, type ProofOfWorkRequired } from '@errata/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { solveProofOfWork } from '../testing/solve-proof-of-work.ts';
import { demoReport, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';
import {
  CHALLENGE_TTL_MS,
  PROOF_OF_WORK_MAX_NUMBER,
  PROOF_OF_WORK_REFUSALS,
  ProofOfWork,
} from './proof-of-work.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

const post = (app: TestApp, payload: object) =>
  app.app.inject({ method: 'POST', url: '/api/v1/reports?wait=erratum', payload });
const askForProofOfWork = () =>
  t.store.db.updateTable('sites').set({ proof_of_work: 1 }).where('id', '=', 'demo').execute();
/** A report without a solution, answered with a challenge; returns the challenge's answer. */
const challenged = async (app = t): Promise<ProofOfWorkRequired> => {
  const response = await post(app, demoReport());
  expect(response.statusCode).toBe(PROOF_OF_WORK_STATUS);
  return response.json();
};

describe('proof of work', () => {
  it('should take reports as before, and never send a challenge, while the site has it off', async () => {
    const plain = await post(t, demoReport());
    expect(plain.statusCode).toBe(201);
    expect(plain.json()).not.toHaveProperty('challenge');
    // A solution sent anyway (a widget whose site has just turned it off) changes nothing.
    expect((await post(t, demoReport({ altcha: 'bm90IGEgc29sdXRpb24=' }))).statusCode).toBe(201);
  });

  it('should answer a report without a solution 428 with a fresh signed challenge', async () => {
    await askForProofOfWork();
    const answer = await challenged();
    expect(answer).toEqual({
      error: PROOF_OF_WORK_REFUSALS.missing,
      challenge: {
        algorithm: 'SHA-256',
        challenge: expect.stringMatching(/^[0-9a-f]{64}$/),
        salt: expect.stringMatching(/^[0-9a-f]{24}\?expires=\d+&$/),
        signature: expect.stringMatching(/^[0-9a-f]{64}$/),
        maxnumber: PROOF_OF_WORK_MAX_NUMBER,
      },
    });
    const other = await challenged();
    expect(other.challenge.salt).not.toBe(answer.challenge.salt);
    expect(await t.store.db.selectFrom('reports').select('id').execute()).toEqual([]);
  });

  it('should accept a report with a solved challenge, once', async () => {
    await askForProofOfWork();
    const altcha = solveProofOfWork((await challenged()).challenge);
    const accepted = await post(t, demoReport({ altcha }));
    expect(accepted.statusCode).toBe(201);

    const again = await post(t, demoReport({ altcha, quote: { exact: 'bridge', prefix: '', suffix: '' } }));
    expect(again.statusCode).toBe(PROOF_OF_WORK_STATUS);
    expect(again.json().error).toBe(PROOF_OF_WORK_REFUSALS.spent);
    expect(again.json().challenge.challenge).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should accept a solution once across instances that share the database', async () => {
    await askForProofOfWork();
    const second = await openTestApp({ store: t.store });
    try {
      const altcha = solveProofOfWork((await challenged(second)).challenge);
      const answers = await Promise.all([
        post(t, demoReport({ altcha })),
        post(second, demoReport({ altcha })),
      ]);
      expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, PROOF_OF_WORK_STATUS]);
    } finally {
      await second.close();
    }
  });

  it('should refuse an expired solution, saying so', async () => {
    await askForProofOfWork();
    // A challenge handed out longer ago than a challenge lasts, by an instance on the same database.
    const past = new ProofOfWork(t.store, () => Date.now() - CHALLENGE_TTL_MS - 1000);
    const altcha = solveProofOfWork(await past.challenge());
    const answer = await post(t, demoReport({ altcha }));
    expect(answer.statusCode).toBe(PROOF_OF_WORK_STATUS);
    expect(answer.json().error).toBe(PROOF_OF_WORK_REFUSALS.expired);
    expect(answer.json().error).toMatch(/expired \(a challenge lasts 10 minutes\)/);
  });

  it('should refuse a forged solution, saying so', async () => {
    await askForProofOfWork();
    const { challenge } = await challenged();
    const solved = JSON.parse(Buffer.from(solveProofOfWork(challenge), 'base64').toString());
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64');
    const forgeries = [
      // Another number than the one that solves it.
      encode({ ...solved, number: solved.number + 1 }),
      // A challenge of the forger's own, with a made-up signature.
      encode({ ...solved, signature: 'f'.repeat(64) }),
      // The weaker hash altcha-lib would also take.
      encode({ ...solved, algorithm: 'SHA-1' }),
      'not base64 JSON at all',
    ];
    for (const altcha of forgeries) {
      const answer = await post(t, demoReport({ altcha }));
      expect(answer.statusCode, altcha).toBe(PROOF_OF_WORK_STATUS);
      expect(answer.json().error).toBe(PROOF_OF_WORK_REFUSALS.forged);
    }
    // The real solution was not spent by the forgeries.
    expect((await post(t, demoReport({ altcha: encode(solved) }))).statusCode).toBe(201);
  });

  it('should be turned on and off by an owner in the site settings', async () => {
    const owner = await signedInEditor(t.app, t.store, {
      email: 'owner@example.org',
      role: 'owner',
      sites: ['demo'],
    });
    const patch = (proofOfWork: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: '/api/v1/sites/demo',
        headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
        payload: { proofOfWork },
      });
    const on = await patch(true);
    expect(on.statusCode).toBe(200);
    expect(on.json().proofOfWork).toBe(true);
    await challenged();
    expect((await patch(false)).json().proofOfWork).toBe(false);
  });

  it('should keep the key that signs challenges in the database, the same for every instance', async () => {
    await askForProofOfWork();
    const other = new ProofOfWork(t.store);
    const altcha = solveProofOfWork(await other.challenge());
    expect((await post(t, demoReport({ altcha }))).statusCode).toBe(201);
    const keys = await t.store.db
      .selectFrom('settings')
      .select('key')
      .where('key', '=', 'proof_of_work_key')
      .execute();
    expect(keys).toHaveLength(1);
  });
});
