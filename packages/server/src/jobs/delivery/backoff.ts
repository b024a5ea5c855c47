import { doublingWaitMs } from '@errata/core';

/** When failed deliveries are tried again, and when they are given up. */
export interface BackoffPolicy {
  /** Wait after the first failed attempt, in ms; doubled after each further failure. */
  baseMs: number;
  /** Longest wait between two attempts, in ms. */
  capMs: number;
  /** How long after its event a delivery is still tried, in ms; then it is dead. */
  windowMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 30_000, // Long enough for a receiver's restart or deploy.
  capMs: 3_600_000, // Hourly at worst: a receiver back up is served within the hour.
  windowMs: 24 * 3_600_000, // A day of outage is survived; older news is not worth sending.
};

/**
 * The wait after `attempts` failed attempts: base · 2^(attempts−1), capped, then randomly
 * shortened by up to half ("equal jitter") so many deliveries failing together do not retry
 * together. Shortened, never lengthened (unlike the widget's ±20%): the cap is a promise that
 * a receiver back up is served within it. Whole milliseconds, for the stored timestamp.
 * @example retryDelayMs(3, DEFAULT_BACKOFF, () => 1) // 120000 (30 s · 4)
 */
export function retryDelayMs(
  attempts: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const full = doublingWaitMs(attempts, policy.baseMs, policy.capMs);
  return Math.round(full / 2 + (full / 2) * random());
}

/**
 * When to try again after a failed attempt. A wait that would end past `expiresAt` is cut
 * short to one last attempt at `expiresAt`, so retries go on for the whole window; null
 * (dead) once the window has closed.
 */
export function nextAttemptAt(
  attempts: number,
  now: Date,
  expiresAt: string,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): string | null {
  if (now.getTime() >= Date.parse(expiresAt)) return null;
  const next = new Date(now.getTime() + retryDelayMs(attempts, policy, random));
  return next.getTime() > Date.parse(expiresAt) ? new Date(expiresAt).toISOString() : next.toISOString();
}
