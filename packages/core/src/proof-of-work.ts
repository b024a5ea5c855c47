/**
 * Proof of work, for a site that turns it on (its proofOfWork setting): a report without a
 * solved challenge is answered PROOF_OF_WORK_STATUS with a fresh challenge; the widget solves
 * it in the reader's browser (about a second of hashing) and sends the report again with the
 * solution. The format is ALTCHA's (v1), which altcha-lib checks on the server.
 */

/** The status of the answer that carries a challenge: 428 Precondition Required (the report is fine; the work is missing). */
export const PROOF_OF_WORK_STATUS = 428;
/** Longest `altcha` field a report may carry: the base64 of a solved challenge is about 350 characters. */
export const PROOF_OF_WORK_PAYLOAD_MAX = 1000;

/** A challenge: find the number n from 0 to `maxnumber` whose SHA-256 of `salt + n`, in hex, is `challenge`. */
export interface ProofOfWorkChallenge {
  /** The hash function; always 'SHA-256'. */
  algorithm: string;
  /** SHA-256 (hex) of the salt followed by the secret number. */
  challenge: string;
  /** Random hex, then `?expires=<unix seconds>&`: the challenge is void after that. */
  salt: string;
  /** The server's HMAC of `challenge`: proves the challenge is the server's own. */
  signature: string;
  /** The highest number the secret may be: the work a reader's browser does at most. */
  maxnumber: number;
}

/** The body of the PROOF_OF_WORK_STATUS answer. */
export interface ProofOfWorkRequired {
  /** Why, in a sentence: no solution, or one that expired, was used already or does not check out. */
  error: string;
  /** A fresh challenge to solve before sending the report again. */
  challenge: ProofOfWorkChallenge;
}

/**
 * What a report's `altcha` field holds: base64 of the JSON of the challenge's fields with the
 * number found (ALTCHA's payload).
 */
export interface ProofOfWorkSolution {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}
