import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSite, openTestApp, signedInEditor, type TestApp } from '../testing/test-app.ts';

let t: TestApp;
beforeEach(async () => {
  t = await openTestApp();
});
afterEach(async () => t.close());

type Editor = { cookie: string; csrf: string };

function call(
  editor: Editor | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
) {
  return t.app.inject({
    method,
    url,
    headers: editor ? { cookie: editor.cookie, 'x-csrf-token': editor.csrf } : {},
    ...(payload ? { payload } : {}),
  });
}

const owner = () =>
  signedInEditor(t.app, t.store, { email: 'owner@example.org', role: 'owner', sites: ['demo'] });

function tokenOf(url: string): string {
  const token = new URL(url).searchParams.get('token');
  if (!token) throw new Error(`no token in ${url}`);
  return token;
}

describe('site settings', () => {
  it('should let an owner change the settings, normalised, and let any member read them', async () => {
    const chief = await owner();
    const response = await call(chief, 'PATCH', '/api/v1/sites/demo', {
      name: '  The Courier ',
      allowedOrigins: ['https://News.Example.org/', 'self'],
      rootSelector: 'main .article-body',
      defaultLang: 'pt-br',
      desks: { factual: 'Standards', typo: '' },
      cmsLinkTemplate: 'https://cms.example.org/edit?url={url}&erratum={id}',
      publicLog: true,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      id: 'demo',
      name: 'The Courier',
      allowedOrigins: ['https://news.example.org', 'self'],
      rootSelector: 'main .article-body',
      defaultLang: 'pt-BR',
      desks: { factual: 'Standards' },
      cmsLinkTemplate: 'https://cms.example.org/edit?url={url}&erratum={id}',
      publicLog: true,
      role: 'owner',
    });

    const viewer = await signedInEditor(t.app, t.store, {
      email: 'v@example.org',
      role: 'viewer',
      sites: ['demo'],
    });
    const read = await call(viewer, 'GET', '/api/v1/sites/demo');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ name: 'The Courier', role: 'viewer' });
    expect((await call(viewer, 'PATCH', '/api/v1/sites/demo', { name: 'Mine' })).statusCode).toBe(403);
  });

  it('should refuse bad values field by field and save none of the patch', async () => {
    const chief = await owner();
    const response = await call(chief, 'PATCH', '/api/v1/sites/demo', {
      name: 'Renamed',
      allowedOrigins: ['ftp://files.example.org'],
      rootSelector: 'main:first-child',
      defaultLang: 'english please',
      desks: { horoscope: 'Stars' },
      cmsLinkTemplate: 'javascript:alert({url})',
    });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(Object.keys(body.fields).sort()).toEqual([
      'allowedOrigins',
      'cmsLinkTemplate',
      'defaultLang',
      'desks',
      'rootSelector',
    ]);
    expect(body.error).toMatch(/not an http\(s\) origin.*and 4 more problems/);
    expect((await call(chief, 'GET', '/api/v1/sites/demo')).json().name).toBe('The demo newsroom');
  });

  it('should refuse a CMS link template with an unknown placeholder, naming it', async () => {
    const chief = await owner();
    const response = await call(chief, 'PATCH', '/api/v1/sites/demo', {
      cmsLinkTemplate: 'https://cms.example.org/{slug}',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.cmsLinkTemplate).toContain('{slug} is not a placeholder');
  });

  it('should let an owner create a site they then own, and refuse it to someone who owns none', async () => {
    const chief = await owner();
    const created = await call(chief, 'POST', '/api/v1/sites', {
      id: 'courier',
      name: 'The Courier',
      allowedOrigins: ['https://courier.example.org'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ id: 'courier', role: 'owner', publicKey: expect.any(String) });
    const session = await call(chief, 'GET', '/api/v1/session');
    expect(
      session
        .json()
        .sites.map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual(['courier', 'demo']);

    const again = await call(chief, 'POST', '/api/v1/sites', {
      id: 'courier',
      name: 'Twice',
      allowedOrigins: ['self'],
    });
    expect(again.statusCode).toBe(409);

    const editor = await signedInEditor(t.app, t.store, {
      email: 'ed@example.org',
      role: 'editor',
      sites: ['demo'],
    });
    const refused = await call(editor, 'POST', '/api/v1/sites', {
      id: 'gazette',
      name: 'Gazette',
      allowedOrigins: ['self'],
    });
    expect(refused.statusCode).toBe(403);
  });
});

describe('members', () => {
  it('should list members, change a role, and keep the last owner an owner', async () => {
    const chief = await owner();
    const editor = await signedInEditor(t.app, t.store, {
      email: 'ed@example.org',
      role: 'editor',
      sites: ['demo'],
    });
    const listed = await call(editor, 'GET', '/api/v1/sites/demo/members');
    expect(listed.statusCode).toBe(200);
    const members = listed.json().members as { userId: string; email: string; role: string }[];
    expect(members.map((m) => [m.email, m.role])).toEqual([
      ['owner@example.org', 'owner'],
      ['ed@example.org', 'editor'],
    ]);
    const ownerId = members[0]!.userId;
    const editorId = members[1]!.userId;

    const demoted = await call(chief, 'PATCH', `/api/v1/sites/demo/members/${editorId}`, { role: 'viewer' });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json()).toEqual({ userId: editorId, email: 'ed@example.org', role: 'viewer' });
    expect((await call(editor, 'GET', '/api/v1/session')).json().sites[0].role).toBe('viewer');

    const lastOwner = await call(chief, 'PATCH', `/api/v1/sites/demo/members/${ownerId}`, { role: 'editor' });
    expect(lastOwner.statusCode).toBe(400);
    expect(lastOwner.json().error).toBe(
      'owner@example.org is the only owner of this site: make someone else an owner first.',
    );
    const removeLast = await call(chief, 'DELETE', `/api/v1/sites/demo/members/${ownerId}`);
    expect(removeLast.statusCode).toBe(400);
    expect(removeLast.json().error).toContain('only owner');

    expect(
      (await call(editor, 'PATCH', `/api/v1/sites/demo/members/${ownerId}`, { role: 'viewer' })).statusCode,
    ).toBe(403);
    expect(
      (await call(chief, 'PATCH', '/api/v1/sites/demo/members/nobody', { role: 'viewer' })).statusCode,
    ).toBe(404);
  });

  it('should let an owner remove a member and any member leave', async () => {
    const chief = await owner();
    const ed = await signedInEditor(t.app, t.store, {
      email: 'ed@example.org',
      role: 'editor',
      sites: ['demo'],
    });
    const vi = await signedInEditor(t.app, t.store, {
      email: 'vi@example.org',
      role: 'viewer',
      sites: ['demo'],
    });
    const ids = Object.fromEntries(
      (
        (await call(chief, 'GET', '/api/v1/sites/demo/members')).json().members as {
          userId: string;
          email: string;
        }[]
      ).map((m) => [m.email, m.userId]),
    );
    expect((await call(ed, 'DELETE', `/api/v1/sites/demo/members/${ids['vi@example.org']}`)).statusCode).toBe(
      403,
    );
    expect(
      (await call(chief, 'DELETE', `/api/v1/sites/demo/members/${ids['ed@example.org']}`)).statusCode,
    ).toBe(204);
    expect((await call(vi, 'DELETE', `/api/v1/sites/demo/members/${ids['vi@example.org']}`)).statusCode).toBe(
      204,
    );
    expect((await call(vi, 'GET', '/api/v1/sites/demo')).statusCode).toBe(404);
    const left = (await call(chief, 'GET', '/api/v1/sites/demo/members')).json().members;
    expect(left.map((m: { email: string }) => m.email)).toEqual(['owner@example.org']);
  });
});

describe('invitations', () => {
  it('should make a link that creates an account with the role and signs it in, once', async () => {
    const chief = await owner();
    const created = await call(chief, 'POST', '/api/v1/sites/demo/invitations', {
      role: 'editor',
      email: 'New@Example.org',
    });
    expect(created.statusCode).toBe(201);
    const { id, url, expiresAt } = created.json();
    expect(url).toMatch(/^http:\/\/localhost\/admin\/invite\?token=/);
    const days = (Date.parse(expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const token = tokenOf(url);

    const listed = await call(chief, 'GET', '/api/v1/sites/demo/invitations');
    expect(listed.json().invitations).toEqual([
      expect.objectContaining({ id, role: 'editor', email: 'new@example.org', state: 'pending' }),
    ]);
    expect(listed.body).not.toContain(token);

    const preview = await call(null, 'GET', `/api/v1/invitations/${token}`);
    expect(preview.json()).toEqual({
      site: 'demo',
      siteName: 'The demo newsroom',
      role: 'editor',
      expiresAt,
    });

    const accepted = await call(null, 'POST', `/api/v1/invitations/${token}/accept`, {
      email: 'new@example.org',
      password: 'a new long password',
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().sites).toEqual([{ id: 'demo', name: 'The demo newsroom', role: 'editor' }]);
    const cookie = accepted.cookies.find((c) => c.name === 'errata_session');
    expect(cookie?.httpOnly).toBe(true);
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: `errata_session=${cookie?.value}` },
    });
    expect(session.json().user.email).toBe('new@example.org');

    const reused = await call(null, 'GET', `/api/v1/invitations/${token}`);
    expect(reused.statusCode).toBe(404);
    expect(reused.json().error).toContain('used already');
    expect((await call(chief, 'GET', '/api/v1/sites/demo/invitations')).json().invitations[0].state).toBe(
      'accepted',
    );
  });

  it('should let a signed-in editor of another site join with the session, never lowering a role', async () => {
    await addSite(t.store, 'gazette', 'https://gazette.example.org');
    const chief = await owner();
    const other = await signedInEditor(t.app, t.store, {
      email: 'g@example.org',
      role: 'owner',
      sites: ['gazette'],
    });
    const { url } = (await call(chief, 'POST', '/api/v1/sites/demo/invitations', { role: 'viewer' })).json();
    const withoutCsrf = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${tokenOf(url)}/accept`,
      headers: { cookie: other.cookie },
      payload: {},
    });
    expect(withoutCsrf.statusCode).toBe(403);
    const joined = await call(other, 'POST', `/api/v1/invitations/${tokenOf(url)}/accept`, {});
    expect(joined.statusCode).toBe(200);
    expect(joined.json().sites).toEqual(
      [
        { id: 'gazette', name: 'Site gazette', role: 'owner' },
        { id: 'demo', name: 'The demo newsroom', role: 'viewer' },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );

    // An owner invited again as viewer stays owner.
    const { url: second } = (
      await call(chief, 'POST', '/api/v1/sites/demo/invitations', { role: 'viewer' })
    ).json();
    const self = await call(chief, 'POST', `/api/v1/invitations/${tokenOf(second)}/accept`, {});
    expect(self.json().sites).toEqual([{ id: 'demo', name: 'The demo newsroom', role: 'owner' }]);
  });

  it('should ask for the password of an existing account instead of creating a second one', async () => {
    const chief = await owner();
    await signedInEditor(t.app, t.store, { email: 'ed@example.org', role: 'viewer', sites: [] });
    const { url } = (await call(chief, 'POST', '/api/v1/sites/demo/invitations', { role: 'editor' })).json();
    const wrong = await call(null, 'POST', `/api/v1/invitations/${tokenOf(url)}/accept`, {
      email: 'ed@example.org',
      password: 'not the right one',
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().fields).toEqual({ password: 'is not the password of this account' });
    const right = await call(null, 'POST', `/api/v1/invitations/${tokenOf(url)}/accept`, {
      email: 'ed@example.org',
      password: 'correct horse battery',
    });
    expect(right.statusCode).toBe(200);
    expect(right.json().sites).toEqual([{ id: 'demo', name: 'The demo newsroom', role: 'editor' }]);
  });

  it('should say when a link was revoked or has expired, and accept neither', async () => {
    const chief = await owner();
    const revoked = (await call(chief, 'POST', '/api/v1/sites/demo/invitations', { role: 'editor' })).json();
    const withdrawn = await call(chief, 'DELETE', `/api/v1/sites/demo/invitations/${revoked.id}`);
    expect(withdrawn.json().state).toBe('revoked');
    const revokedPreview = await call(null, 'GET', `/api/v1/invitations/${tokenOf(revoked.url)}`);
    expect(revokedPreview.statusCode).toBe(404);
    expect(revokedPreview.json().error).toContain('withdrawn');

    const old = (await call(chief, 'POST', '/api/v1/sites/demo/invitations', { role: 'owner' })).json();
    await t.store.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', old.id)
      .execute();
    const accept = await call(null, 'POST', `/api/v1/invitations/${tokenOf(old.url)}/accept`, {
      email: 'late@example.org',
      password: 'a new long password',
    });
    expect(accept.statusCode).toBe(404);
    expect(accept.json().error).toContain('expired');
    expect((await call(null, 'GET', '/api/v1/invitations/made-up-token')).json().error).toContain(
      'not valid',
    );
    const members = (await call(chief, 'GET', '/api/v1/sites/demo/members')).json().members;
    expect(members).toHaveLength(1);
  });

  it('should withdraw the links an owner made when they are removed or demoted', async () => {
    const chief = await owner();
    const deputy = await signedInEditor(t.app, t.store, {
      email: 'deputy@example.org',
      role: 'owner',
      sites: ['demo'],
    });
    const kept = (await call(deputy, 'POST', '/api/v1/sites/demo/invitations', { role: 'owner' })).json();
    const spare = (await call(deputy, 'POST', '/api/v1/sites/demo/invitations', { role: 'viewer' })).json();
    const mine = (await call(chief, 'POST', '/api/v1/sites/demo/invitations', { role: 'editor' })).json();
    const members = (await call(chief, 'GET', '/api/v1/sites/demo/members')).json().members as {
      userId: string;
      email: string;
    }[];
    const deputyId = members.find((m) => m.email === 'deputy@example.org')?.userId;
    expect(
      (await call(chief, 'PATCH', `/api/v1/sites/demo/members/${deputyId}`, { role: 'editor' })).statusCode,
    ).toBe(200);
    expect((await call(chief, 'DELETE', `/api/v1/sites/demo/members/${deputyId}`)).statusCode).toBe(204);

    const comeback = await call(null, 'POST', `/api/v1/invitations/${tokenOf(kept.url)}/accept`, {
      email: 'deputy.again@example.org',
      password: 'a new long password',
    });
    expect(comeback.statusCode).toBe(404);
    expect(comeback.json().error).toContain('withdrawn');
    const states = Object.fromEntries(
      (await call(chief, 'GET', '/api/v1/sites/demo/invitations'))
        .json()
        .invitations.map((i: { id: string; state: string }) => [i.id, i.state]),
    );
    expect(states).toEqual({ [kept.id]: 'revoked', [spare.id]: 'revoked', [mine.id]: 'pending' });
    const after = (await call(chief, 'GET', '/api/v1/sites/demo/members')).json().members;
    expect(after.map((m: { email: string }) => m.email)).toEqual(['owner@example.org']);
  });

  it('should answer 429 with Retry-After to the 4th wrong password for an account through a link, as sign-in does', async () => {
    const chief = await owner();
    await signedInEditor(t.app, t.store, { email: 'ed@example.org', role: 'viewer', sites: [] });
    const { url } = (await call(chief, 'POST', '/api/v1/sites/demo/invitations', { role: 'editor' })).json();
    const guess = (i: number, remoteAddress = '203.0.113.7') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/invitations/${tokenOf(url)}/accept`,
        remoteAddress,
        payload: { email: 'Ed@Example.org', password: `guess number ${i}` },
      });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await guess(i));
    expect(answers.map((answer) => answer.statusCode)).toEqual([401, 401, 401, 429, 429]);
    expect(Number(answers[3]?.headers['retry-after'])).toBeGreaterThan(0);
    expect(answers[3]?.json().error).toMatch(
      /^Too many sign-in attempts for this account: try again in \d+ s\.$/,
    );
    // The same account's limits as POST /api/v1/session: the guesses through the link count there too.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      remoteAddress: '203.0.113.7',
      payload: { email: 'ed@example.org', password: 'correct horse battery' },
    });
    expect(signIn.statusCode).toBe(429);
    // The account's owner, from an address that has not failed, still joins with the right password.
    const joined = await t.app.inject({
      method: 'POST',
      url: `/api/v1/invitations/${tokenOf(url)}/accept`,
      remoteAddress: '198.51.100.20',
      payload: { email: 'ed@example.org', password: 'correct horse battery' },
    });
    expect(joined.statusCode).toBe(200);
  });

  it('should slow down someone guessing invitation links', async () => {
    const answers: number[] = [];
    for (let i = 0; i < 21; i++) {
      answers.push((await call(null, 'GET', `/api/v1/invitations/guess-${i}`)).statusCode);
    }
    expect(answers.slice(0, 20).every((status) => status === 404)).toBe(true);
    const limited = await call(null, 'GET', '/api/v1/invitations/guess-21');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatch(/^Too many attempts: try again in/);
  });

  it('should let only owners invite and list invitations', async () => {
    await owner();
    const editor = await signedInEditor(t.app, t.store, {
      email: 'ed@example.org',
      role: 'editor',
      sites: ['demo'],
    });
    expect(
      (await call(editor, 'POST', '/api/v1/sites/demo/invitations', { role: 'editor' })).statusCode,
    ).toBe(403);
    expect((await call(editor, 'GET', '/api/v1/sites/demo/invitations')).statusCode).toBe(403);
  });
});
