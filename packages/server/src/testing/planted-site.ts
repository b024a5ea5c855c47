/**
 * A site planted with one of everything an editor route can name (a reader's report and its
 * erratum, an owner, an invitation, a webhook, a delivery), for the tests that walk every
 * route: cross-site isolation and the route fuzz.
 */
import { createApiToken } from '../domain/api-tokens.ts';
import { createSite } from '../domain/sites.ts';
import { addDeliveries } from '../store/outbox-store.ts';
import { demoReport, signedInEditor, type TestApp } from './test-app.ts';

/** One site's data the test plants, and the strings that must never reach another site's members. */
export interface SiteData {
  site: string;
  erratum: string;
  report: string;
  user: string;
  invitation: string;
  webhook: string;
  delivery: string;
  /** A word of the site's list (the proofreader's). */
  word: string;
  /** Text only this site's members may see. */
  secrets: string[];
}

/** A delivery of the site's first outbox event to its webhook, as the delivery worker's fan-out makes it. */
async function plantDelivery(t: TestApp, siteId: string, webhookId: string): Promise<string> {
  const event = await t.store.db
    .selectFrom('outbox_events')
    .select('id')
    .where('site_id', '=', siteId)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
  await addDeliveries(
    t.store.db,
    [{ eventId: event.id, siteId, channel: 'webhook', targetId: webhookId, expiresAt }],
    [],
    now,
  );
  const row = await t.store.db
    .selectFrom('deliveries')
    .select('id')
    .where('site_id', '=', siteId)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Plants a site with an owner, one reader's report, an invitation, a webhook and a delivery. */
export async function plantSite(t: TestApp, id: string, word: string) {
  const origin = `https://${id}.example.org`;
  const name = `${word} Gazette`;
  const publicKey = `${word.toLowerCase()}publickey`;
  await createSite(t.store, { id, name, origins: [origin], publicKey });
  const email = `${word.toLowerCase()}-owner@example.org`;
  const owner = await signedInEditor(t.app, t.store, { email, role: 'owner', sites: [id] });
  const reported = await t.app.inject({
    method: 'POST',
    url: '/api/v1/reports?wait=erratum',
    headers: { origin },
    payload: demoReport({
      site: publicKey,
      url: `${origin}/story.html`,
      title: `${word} headline`,
      quote: { exact: `${word}quote`, prefix: `${word}before `, suffix: ` ${word}after` },
      suggestion: `${word}fix`,
      comment: `${word}comment`,
    }),
  });
  if (reported.statusCode !== 201) throw new Error(`report failed: ${reported.body}`);
  const receipt = reported.json();
  const invited = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${id}/invitations`,
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
    payload: { role: 'editor', email: `${word.toLowerCase()}-invitee@example.org` },
  });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.body}`);
  // A public address: a webhook's host is resolved when it is saved, and these sites are not local.
  const hookUrl = `https://93.184.216.34/${word.toLowerCase()}-hook-path`;
  const hooked = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${id}/webhooks`,
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
    payload: { url: hookUrl },
  });
  if (hooked.statusCode !== 201) throw new Error(`webhook failed: ${hooked.body}`);
  const { webhook, secret: hookSecret } = hooked.json() as { webhook: { id: string }; secret: string };
  const siteWord = `${word}word`;
  const worded = await t.app.inject({
    method: 'POST',
    url: `/api/v1/sites/${id}/words`,
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf },
    payload: { word: siteWord },
  });
  if (worded.statusCode !== 201) throw new Error(`word failed: ${worded.body}`);
  const session = await t.app.inject({
    method: 'GET',
    url: '/api/v1/session',
    headers: { cookie: owner.cookie },
  });
  const data: SiteData = {
    site: id,
    erratum: receipt.erratum.id,
    report: receipt.id,
    user: session.json().user.id,
    invitation: invited.json().id,
    webhook: webhook.id,
    delivery: await plantDelivery(t, id, webhook.id),
    word: siteWord,
    secrets: [],
  };
  data.secrets = [
    name,
    publicKey,
    email,
    `${word.toLowerCase()}-invitee@example.org`,
    `${word}quote`,
    `${word}before`,
    `${word}fix`,
    `${word}comment`,
    `${word} headline`,
    `${origin}/story.html`,
    data.erratum,
    data.report,
    data.user,
    data.invitation,
    data.webhook,
    data.delivery,
    siteWord,
    hookUrl,
    hookSecret,
  ];
  return { data, owner, token: await createApiToken(t.store, id, `${word} script`) };
}

/** What plantSite made: the ids, the signed-in owner and an API token of the site. */
export type PlantedSite = Awaited<ReturnType<typeof plantSite>>;
