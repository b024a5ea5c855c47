import { existsSync } from 'node:fs';
import { underCi } from '@errata/server/testing';
import { type Browser, chromium } from 'playwright-core';

/**
 * What a poll waits on a round trip between the browser and a server: ten seconds, for two
 * shared cores under load (a poll that passes returns as soon as it does).
 */
export const ROUND_TRIP = { timeout: 10_000 };

/** Where Debian's Chromium lives; tests never download a browser. */
export const CHROMIUM_PATH = process.env.ERRATA_CHROMIUM ?? '/usr/bin/chromium';

/**
 * Why browser tests cannot run here, or null when they can. Under CI a missing browser is
 * a failure, not a skip: the tests call `requireChromium()` to make it one.
 */
export function chromiumUnavailable(): string | null {
  if (existsSync(CHROMIUM_PATH)) return null;
  return `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set ERRATA_CHROMIUM)`;
}

/** True when browser tests must be skipped (developer laptop without Chromium); prints the reason. Throws under CI. */
export function skipWithoutChromium(): boolean {
  const reason = chromiumUnavailable();
  if (reason === null) return false;
  if (underCi()) throw new Error(`browser tests must run under CI: ${reason}`);
  console.warn(`skipping browser tests: ${reason}`);
  return true;
}

/**
 * Starts headless Chromium; Playwright gives every launch a fresh temporary profile and
 * removes it on close. `extraArgs` add command-line switches (e.g. host-resolver rules).
 */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
