import type { ProofOfWorkChallenge } from '@errata/core';

/** Hashes started together: one await per batch rather than per hash, several times faster. */
const BATCH = 500;

/**
 * Finds the number n (0 to maxnumber) whose SHA-256 of `salt + n` is the challenge, and
 * answers the solution as the server reads it (base64 of its JSON). Rejects when no number
 * solves it, or where the browser has no crypto.subtle (a page not served over https).
 */
export async function solve(challenge: ProofOfWorkChallenge): Promise<string> {
  const encoder = new TextEncoder();
  for (let from = 0; from <= challenge.maxnumber; from += BATCH) {
    const hashes = await Promise.all(
      Array.from({ length: BATCH }, (_, i) =>
        crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + (from + i))),
      ),
    );
    const found = hashes.findIndex((hash) => hex(hash) === challenge.challenge);
    if (found >= 0) {
      const { algorithm, salt, signature } = challenge;
      return btoa(
        JSON.stringify({ algorithm, challenge: challenge.challenge, number: from + found, salt, signature }),
      );
    }
  }
  throw Error('unsolved');
}

function hex(hash: ArrayBuffer): string {
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
