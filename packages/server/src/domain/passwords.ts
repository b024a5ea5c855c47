import { PASSWORD_MIN_LENGTH } from '@errata/core';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { ErrataError } from './errors.ts';

/** Longest password accepted: argon2 handles any length, but a megabyte "password" is an attack. */
const PASSWORD_MAX_LENGTH = 256;

// OWASP's minimum for argon2id (19 MiB, 2 passes, 1 lane): ~20 ms per hash on this class of machine.
// Algorithm.Argon2id is an ambient const enum, which isolated modules cannot read: its value is 2.
const ARGON2_OPTIONS = {
  algorithm: 2 as Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

/** Refuses passwords that are too short or absurdly long, with a message for the person typing it. */
export function checkPasswordStrength(password: string): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ErrataError(
      'invalid',
      `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`,
      {
        password: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
      },
    );
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new ErrataError('invalid', `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`, {
      password: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
    });
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > PASSWORD_MAX_LENGTH) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let decoyHash: Promise<string> | null = null;

/** Spends the time of one verification, so an unknown e-mail answers as slowly as a wrong password. */
export async function verifyDecoy(password: string): Promise<void> {
  decoyHash ??= hashPassword('decoy password that never matches');
  await verifyPassword(await decoyHash, password);
}
