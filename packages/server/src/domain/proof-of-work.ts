/**
 * Proof of work for the sites that turn it on (sites.proof_of_work): a report must carry a
 * challenge of this server solved in the reader's browser (ALTCHA's v1 format, checked by
 * altcha-lib), each solution good for one report. It costs a reader about a second, and a
 * script sending thousands of reports a thousand times that; no third party is involved.
 * Sites with it off pay nothing: their reports are never asked for one.
 */
import type { ProofOfWorkChallenge, ProofOfWorkRequired } from '@errata/core';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Payload } from 'altcha-lib/v1/types';
import type { Store } from '../store/open-store.ts';
import { getOrCreateSetting } from '../store/settings-store.ts';
import { newToken } from './secrets.ts';

/** How long a challenge may be solved and used: a slow phone solves it in seconds, a reader who leaves it for long gets a new one. */
export const CHALLENGE_TTL_MS = 10 * 60_000;
/**
 * The secret number is from 0 to this: a browser hashes half of it on average, about a second
 * on a phone with crypto.subtle (a laptop's Chromium does ~100,000 SHA-256 a second in the solver's batches).
 */
export const PROOF_OF_WORK_MAX_NUMBER = 100_000;
/** The settings row holding the key that signs challenges: one for all instances on a database, made once. */
const KEY_SETTING = 'proof_of_work_key';
/** How long a site's switch is reused: reports are the hot path, setting changes are rare. */
const SITE_CACHE_MS = 5_000;
/** Most site keys remembered; made-up keys from a flood must not grow memory without bound. */
const SITE_CACHE_MAX = 1_000;
/** Spent challenges past their expiry are deleted at most this often by one instance. */
const SWEEP_EVERY_MS = 60_000;

/** Why a report's solution was not accepted, in a sentence for whoever sent it. */
export const PROOF_OF_WORK_REFUSALS = {
  missing:
    'This site asks for a proof of work with each report: solve the challenge (about a second in a browser) and send the report again with the solution in altcha.',
  expired: `The proof of work has expired (a challenge lasts ${CHALLENGE_TTL_MS / 60_000} minutes): solve the new challenge and send again.`,
  spent:
    'This proof of work was used already (a solved challenge is good for one report): solve the new challenge and send again.',
  forged:
    'The proof of work does not check out: it is not a challenge of this server solved right. Solve the new challenge and send again.',
} as const;

export class ProofOfWork {
  private readonly sites = new Map<string, { on: boolean; until: number }>();
  private key: Promise<string> | undefined;
  private sweptAt = 0;

  constructor(
    private readonly store: Store,
    private readonly now = Date.now,
  ) {}

  /**
   * Whether a report of the site (by public key) may go on to ingest: null when the site does
   * not ask for proof of work or `altcha` is a fresh, unspent solution (now spent); else the
   * answer to send back, with a new challenge.
   */
  async refusal(siteKey: string, altcha: string | undefined): Promise<ProofOfWorkRequired | null> {
    if (!(await this.isOn(siteKey))) return null;
    const why = altcha === undefined ? 'missing' : await this.spend(altcha);
    return why === null ? null : { error: PROOF_OF_WORK_REFUSALS[why], challenge: await this.challenge() };
  }

  /** A new challenge, signed with the server's key, expiring after CHALLENGE_TTL_MS. */
  async challenge(): Promise<ProofOfWorkChallenge> {
    const challenge = await createChallenge({
      algorithm: 'SHA-256',
      hmacKey: await this.hmacKey(),
      maxnumber: PROOF_OF_WORK_MAX_NUMBER,
      expires: new Date(this.now() + CHALLENGE_TTL_MS),
    });
    return { ...challenge, maxnumber: PROOF_OF_WORK_MAX_NUMBER };
  }

  /** Checks a solution and marks it spent; null when it was good, else why not. */
  private async spend(
    altcha: string,
  ): Promise<Exclude<keyof typeof PROOF_OF_WORK_REFUSALS, 'missing'> | null> {
    const solution = parseSolution(altcha);
    // Only SHA-256: altcha-lib would also take the weaker SHA-1 the payload might name.
    if (solution?.algorithm !== 'SHA-256' || !(await verifySolution(solution, await this.hmacKey(), false))) {
      return 'forged';
    }
    // The expiry sits in the salt, which the signed challenge hash covers: it cannot be moved.
    const expires = Number(extractParams(solution).expires) * 1000;
    if (!Number.isFinite(expires) || expires <= 0) return 'forged';
    if (expires < this.now()) return 'expired';
    // The database decides, so that no two instances accept the same solution.
    const inserted = await this.store.db
      .insertInto('proof_of_work_spent')
      .values({ challenge: solution.challenge, expires_at: new Date(expires).toISOString() })
      .onConflict((oc) => oc.column('challenge').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return 'spent';
    await this.sweep();
    return null;
  }

  /** Deletes spent challenges that have expired (they are refused as expired anyway). */
  private async sweep(): Promise<void> {
    if (this.now() - this.sweptAt < SWEEP_EVERY_MS) return;
    this.sweptAt = this.now();
    await this.store.db
      .deleteFrom('proof_of_work_spent')
      .where('expires_at', '<', new Date(this.now()).toISOString())
      .execute();
  }

  private async isOn(siteKey: string): Promise<boolean> {
    const cached = this.sites.get(siteKey);
    if (cached && cached.until > this.now()) return cached.on;
    const row = await this.store.db
      .selectFrom('sites')
      .select('proof_of_work')
      .where('public_key', '=', siteKey)
      .executeTakeFirst();
    const on = Number(row?.proof_of_work ?? 0) === 1;
    if (this.sites.size >= SITE_CACHE_MAX) this.sites.clear();
    this.sites.set(siteKey, { on, until: this.now() + SITE_CACHE_MS });
    return on;
  }

  private hmacKey(): Promise<string> {
    this.key ??= getOrCreateSetting(this.store.db, KEY_SETTING, () => newToken()).catch((error) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }
}

/** The solution in an `altcha` field (base64 of JSON), or null when it is not one. */
function parseSolution(altcha: string): Payload | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(altcha, 'base64').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { algorithm, challenge, number, salt, signature } = parsed as Record<string, unknown>;
    const texts = [algorithm, challenge, salt, signature].every((value) => typeof value === 'string');
    return texts && Number.isSafeInteger(number) ? (parsed as Payload) : null;
  } catch {
    return null;
  }
}
