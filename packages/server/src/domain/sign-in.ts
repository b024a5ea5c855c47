import { composeSignInAlertMail } from '../mail/compose-sign-in-alert.ts';
import type { Mailer } from '../mail/transport.ts';
import type { Store } from '../store/open-store.ts';
import { describeBurst, releaseBurstAlert } from '../store/sign-in-failures-store.ts';
import { findUserByEmail } from '../store/users-store.ts';
import { ErrataError } from './errors.ts';
import { checkCredentials } from './sessions.ts';
import {
  type AdmittedAttempt,
  accountWindowStart,
  admitSignIn,
  shouldAlertOwner,
  signInSucceeded,
} from './sign-in-limits.ts';

/** Where a burst of wrong passwords is told to the account's owner; without a mailer, nowhere. */
export interface SignInAlerts {
  /** The mailer of ERRATA_SMTP_URL, or none when it is not set. */
  mailer?: Mailer;
  /** The server's address, for the link in the mail. */
  publicUrl: string;
  /** Called when an alert could not be sent (it is tried again at the next failure). */
  onError: (error: unknown) => void;
}

/**
 * Signs in with a password under the sign-in limits (sign-in-limits.ts): returns the user's
 * id, or throws 401 for a wrong e-mail or password, or 429 while this address must wait.
 * Unknown e-mails are limited exactly like known ones, so the answers reveal nothing.
 */
export async function signInWithPassword(
  store: Store,
  attempt: { email: string; password: string; ip: string },
  alerts: SignInAlerts,
): Promise<string> {
  const admitted = await admitSignIn(store, attempt.email, attempt.ip);
  let userId: string;
  try {
    userId = await checkCredentials(store, attempt.email, attempt.password);
  } catch (error) {
    if (error instanceof ErrataError && error.kind === 'unauthorized' && alerts.mailer) {
      // Not awaited: the answer must take as long whether the account exists or not.
      alertOwnerOfBurst(store, admitted, attempt.email, alerts).catch(alerts.onError);
    }
    throw error;
  }
  await signInSucceeded(store, admitted);
  return userId;
}

async function alertOwnerOfBurst(
  store: Store,
  admitted: AdmittedAttempt,
  email: string,
  alerts: SignInAlerts,
): Promise<void> {
  const { mailer } = alerts;
  if (!mailer) return;
  const now = new Date();
  if (!(await shouldAlertOwner(store, admitted, now))) return;
  try {
    const user = await findUserByEmail(store.db, email.trim().toLowerCase());
    if (!user) return;
    const burst = await describeBurst(store.db, admitted.account, accountWindowStart(now));
    await mailer.send(composeSignInAlertMail({ to: user.email, ...burst, publicUrl: alerts.publicUrl }));
  } catch (error) {
    await releaseBurstAlert(store.db, admitted.account, now.toISOString());
    throw error;
  }
}
