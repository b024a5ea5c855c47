import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DnsServer, startDnsServer } from '../testing/dns-server.ts';
import { addSite, openTestStore } from '../testing/test-app.ts';
import { ErrataError } from './errors.ts';
import { vetWebhookUrl } from './webhooks.ts';

let t: Awaited<ReturnType<typeof openTestStore>>;
let dns: DnsServer;
beforeEach(async () => {
  t = await openTestStore();
  await addSite(t.store, 'courier', 'https://courier.example');
  // A DNS server that drops every question, and a resolver that would wait half a minute for it.
  dns = await startDnsServer(() => null, { resolverTimeoutMs: 30_000 });
});
afterEach(async () => {
  await dns.close();
  await t.cleanup();
});

describe('vetWebhookUrl', () => {
  it('should refuse, in words an owner understands, a URL whose host DNS does not resolve in time', async () => {
    const saving = vetWebhookUrl(t.store, 'courier', 'https://hooks.silent.test/errata', {
      resolve: dns.resolve,
      timeoutMs: 300,
    });

    const error = await saving.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrataError);
    expect(error).toMatchObject({
      kind: 'invalid',
      message:
        'Webhooks cannot be sent there: the host hooks.silent.test could not be resolved in time (its DNS servers gave no answer within 300 ms): check the host name, or save again in a moment.',
      fields: { url: 'not resolved in time' },
    });
  });
});
