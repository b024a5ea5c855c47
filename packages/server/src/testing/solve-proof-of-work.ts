import { createHash } from 'node:crypto';
import type { ProofOfWorkChallenge } from '@errata/core';

/**
 * Solves a proof-of-work challenge as the widget does, but synchronously with node:crypto (a
 * test solves in milliseconds what a browser spends about a second on); answers the `altcha`
 * field a report carries.
 */
export function solveProofOfWork(challenge: ProofOfWorkChallenge): string {
  for (let number = 0; number <= challenge.maxnumber; number++) {
    const hash = createHash('sha256').update(`${challenge.salt}${number}`).digest('hex');
    if (hash === challenge.challenge) {
      const { algorithm, salt, signature } = challenge;
      const solution = { algorithm, challenge: challenge.challenge, number, salt, signature };
      return Buffer.from(JSON.stringify(solution)).toString('base64');
    }
  }
  throw new Error(`no number up to ${challenge.maxnumber} solves the challenge`);
}
