import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import { loadUnsubscribeKey } from '../mail/mail-context.ts';
import { smtpMailer } from '../mail/transport.ts';
import type { Store } from '../store/open-store.ts';
import type { DeliveryChannel } from './delivery/channel.ts';
import { emailChannel } from './delivery/email-channel.ts';
import { DigestScheduler } from './digest.ts';
import { startReaderContactsSweeper } from './reader-contacts-sweeper.ts';

/** E-mail's part of a running server: the delivery channel to register, and what to stop on shutdown. */
export interface EmailJobs {
  /** The e-mail channel for the delivery worker; none when no SMTP server is set. */
  channels: DeliveryChannel[];
  stop(): Promise<void>;
}

/**
 * Starts what e-mail needs: with ERRATA_SMTP_URL set, the mailer and the daily digest
 * scheduler; always, the sweeper that deletes readers' addresses after 90 days (they must
 * go even when no mail is ever sent).
 */
export async function startEmailJobs(
  store: Store,
  config: Pick<Config, 'publicUrl' | 'mail'>,
  log: FastifyBaseLogger,
): Promise<EmailJobs> {
  const sweeper = startReaderContactsSweeper(store, log);
  const { smtpUrl, from, digestHour, digestPollMs } = config.mail;
  if (smtpUrl === undefined) {
    return { channels: [], stop: () => sweeper.stop() };
  }
  const context = {
    store,
    mailer: smtpMailer(smtpUrl, from),
    publicUrl: config.publicUrl,
    unsubscribeKey: await loadUnsubscribeKey(store),
  };
  const digest = new DigestScheduler(context, { hour: digestHour, pollMs: digestPollMs, log });
  digest.start();
  return {
    channels: [emailChannel(context)],
    stop: async () => {
      await sweeper.stop();
      await digest.stop();
      context.mailer.close();
    },
  };
}
