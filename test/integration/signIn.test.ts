// Signing in from a browser, over HTTP on the real stack with the real MailDev: a link emailed once
// and usable once, refused when expired or unknown, rate limited per address, no hint of who has an
// account; the session cookie reads freely, changes only with its CSRF token, and ends on sign-out
// or when the user is deactivated.
import { hashToken } from '../../api/tokens';
import { SignInLink } from '../../shared/db/signInLink';
import { User } from '../../shared/db/user';
import { aSubmission } from '../fixtures/submission';
import { waitForEmails } from '../support/mailbox';
import { ApiHarness, startApiHarness } from './support/apiHarness';
import { BrowserSession, cookieSet, emailedLinkToken, isSignInEmailTo, openSessionWith, sessionHeaders, signInEmailsTo } from './support/signIn';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_sign_in');
});
afterAll(() => h?.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const signIn = async (user: keyof ApiHarness['users'], nth = 1): Promise<BrowserSession> => openSessionWith(h, await emailedLinkToken(h, h.users[user].email, nth));

test('a link is emailed once, opens a session with an HttpOnly cookie, and cannot be used twice', async () => {
  const address = h.users.kabid.email;
  const asked = await h.call('POST', '/auth/email-link', { body: { email: address } });
  expect(asked.status).toBe(202);
  expect(asked.body.message).toContain('tautan masuk sudah dikirim');

  const [email] = await waitForEmails(isSignInEmailTo(address));
  expect(email!.text).toContain('Yth. Uji kabid,');
  expect(email!.text).toMatch(new RegExp(`${h.baseUrl}/app/masuk#token=[A-Za-z0-9_-]{43}\\n`));
  expect(email!.text).toContain('berlaku 15 menit dan hanya dapat dipakai satu kali');
  const token = /#token=([A-Za-z0-9_-]+)/.exec(email!.text)![1]!;

  const opened = await h.call('POST', '/auth/session', { body: { token } });
  expect(opened.status).toBe(200);
  expect(opened.body).toEqual({
    user: { id: h.users.kabid.id, name: 'Uji kabid', email: address, role: 'kabid', unitName: null },
    csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    expiresAt: expect.any(String),
  });
  expect(Date.parse(opened.body.expiresAt) - Date.now()).toBeGreaterThan(8 * 3_600_000 - 60_000);
  const setCookie = opened.headers.getSetCookie().find((c) => c.startsWith('kolokasi_session='))!;
  expect(setCookie).toMatch(/^kolokasi_session=[A-Za-z0-9_-]{43}; Max-Age=28800; Path=\/; Expires=.+; HttpOnly; SameSite=Lax$/);
  expect(setCookie).not.toContain('Secure');

  const again = await h.call('POST', '/auth/session', { body: { token } });
  expect(again.status).toBe(401);
  expect(again.body.error).toEqual({ code: 'LINK_INVALID', message: expect.stringContaining('Minta tautan baru') });
  expect(cookieSet(again)).toBeUndefined();

  // The page learns who signed in (and its CSRF token) from the cookie alone.
  const cookie = cookieSet(opened)!;
  const current = await h.call('GET', '/auth/session', { headers: { cookie } });
  expect(current.status).toBe(200);
  expect(current.body).toEqual(opened.body);
  expect((await h.call('GET', '/me', { headers: { cookie } })).body).toMatchObject({ id: h.users.kabid.id, role: 'kabid' });

  await pause(1000);
  expect(await signInEmailsTo(address)).toHaveLength(1);
});

test('of several uses of one link at the same moment, exactly one opens a session', async () => {
  const token = await emailedLinkToken(h, h.users.kasi.email, 1);
  const answers = await Promise.all(Array.from({ length: 6 }, () => h.call('POST', '/auth/session', { body: { token } })));
  expect(answers.map((a) => a.status).sort()).toEqual([200, 401, 401, 401, 401, 401]);
});

test('an expired link is refused', async () => {
  const token = await emailedLinkToken(h, h.users.kadis.email, 1);
  // 15 minutes later, without waiting them.
  await SignInLink.updateOne({ _id: hashToken(token) }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
  const answer = await h.call('POST', '/auth/session', { body: { token } });
  expect(answer.status).toBe(401);
  expect(answer.body.error.code).toBe('LINK_INVALID');
  expect((await h.call('POST', '/auth/session', { body: { token: 'bukan-token-dari-email' } })).body.error.code).toBe('LINK_INVALID');
});

test('an unknown or inactive address gets the same answer and no email', async () => {
  await User.create({ _id: 'kolokasi_sign_in-former', name: 'Mantan Pegawai', email: 'mantan.kolokasi_sign_in@kominfo.test', role: 'kasi', active: false, createdAt: new Date() });
  const known = await h.call('POST', '/auth/email-link', { body: { email: h.users.helpdesk.email } });
  const unknown = await h.call('POST', '/auth/email-link', { body: { email: 'tidak.terdaftar.kolokasi_sign_in@kominfo.test' } });
  const inactive = await h.call('POST', '/auth/email-link', { body: { email: 'mantan.kolokasi_sign_in@kominfo.test' } });
  expect([unknown.status, unknown.body]).toEqual([known.status, known.body]);
  expect([inactive.status, inactive.body]).toEqual([known.status, known.body]);

  await waitForEmails(isSignInEmailTo(h.users.helpdesk.email));
  await pause(1500);
  expect(await signInEmailsTo('tidak.terdaftar.kolokasi_sign_in@kominfo.test')).toEqual([]);
  expect(await signInEmailsTo('mantan.kolokasi_sign_in@kominfo.test')).toEqual([]);

  const malformed = await h.call('POST', '/auth/email-link', { body: { email: 'bukan alamat' } });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.fields).toHaveProperty('email');
});

test('an address gets at most 5 links per quarter hour, however often it asks', async () => {
  // Not across a window's edge: that would start a fresh quota mid-test.
  const intoWindow = Date.now() % (15 * 60_000);
  if (intoWindow > 15 * 60_000 - 20_000) await pause(15 * 60_000 - intoWindow + 500);
  const address = h.users.dcStaff.email;
  const answers = await Promise.all(Array.from({ length: 8 }, () => h.call('POST', '/auth/email-link', { body: { email: address } })));
  expect(answers.map((a) => a.status)).toEqual(Array(8).fill(202));
  await waitForEmails(isSignInEmailTo(address), 5);
  await pause(1500);
  expect(await signInEmailsTo(address)).toHaveLength(5);
});

test('with the cookie a page reads freely, but changes something only with the CSRF token', async () => {
  const session = await signIn('applicant');
  expect((await h.call('GET', '/requests', { headers: sessionHeaders(session, { csrf: false }) })).status).toBe(200);

  const withoutCsrf = await h.call('POST', '/requests', { body: aSubmission(), headers: sessionHeaders(session, { csrf: false }) });
  expect(withoutCsrf.status).toBe(403);
  expect(withoutCsrf.body.error).toEqual({ code: 'CSRF', message: expect.stringContaining('X-CSRF-Token') });
  const wrongCsrf = await h.call('POST', '/requests', { body: aSubmission(), headers: { ...sessionHeaders(session), 'x-csrf-token': 'tebakan' } });
  expect(wrongCsrf.status).toBe(403);
  expect((await h.as('kabid')('GET', '/requests')).body.total).toBe(0);

  const submitted = await h.call('POST', '/requests', { body: aSubmission(), headers: sessionHeaders(session) });
  expect(submitted.status).toBe(201);
  expect(submitted.body.requestNumber).toMatch(/^CRB-/);
  // An integration's bearer token needs no CSRF token.
  expect((await h.as('applicant')('POST', '/requests', { body: aSubmission() })).status).toBe(201);
});

test('signing out ends the session on the server, so a copied cookie stops working too', async () => {
  const session = await signIn('generalAffairs');
  const copied = { cookie: session.cookie };
  expect((await h.call('GET', '/me', { headers: copied })).status).toBe(200);

  expect((await h.call('DELETE', '/auth/session', { headers: sessionHeaders(session, { csrf: false }) })).status).toBe(403);
  const out = await h.call('DELETE', '/auth/session', { headers: sessionHeaders(session) });
  expect(out.status).toBe(204);
  expect(out.headers.getSetCookie().find((c) => c.startsWith('kolokasi_session='))).toMatch(/^kolokasi_session=; Path=\/; Expires=Thu, 01 Jan 1970/);

  const after = await h.call('GET', '/me', { headers: copied });
  expect(after.status).toBe(401);
  expect(after.body.error).toEqual({ code: 'UNAUTHENTICATED', message: 'Sesi Anda sudah berakhir atau tidak dikenal. Silakan masuk lagi.' });
  expect((await h.call('GET', '/auth/session', { headers: copied })).status).toBe(401);
  // Signing out again, or without a session, is no error.
  expect((await h.call('DELETE', '/auth/session', { headers: copied })).status).toBe(204);
  expect((await h.call('GET', '/auth/session')).status).toBe(401);
});

test('deactivating a user ends their session and stops their API token at once; reactivating brings back the token, not the session', async () => {
  const session = await signIn('pranataKomputer');
  const asUser = { headers: sessionHeaders(session) };
  expect((await h.call('GET', '/me', asUser)).status).toBe(200);
  expect((await h.as('pranataKomputer')('GET', '/me')).status).toBe(200);
  const unusedLink = await emailedLinkToken(h, h.users.pranataKomputer.email, 2);

  const user = { name: 'Uji pranataKomputer', email: h.users.pranataKomputer.email, role: 'pranataKomputer' };
  expect((await h.as('admin')('PUT', `/users/${h.users.pranataKomputer.id}`, { body: { ...user, active: false } })).status).toBe(200);
  expect((await h.call('GET', '/me', asUser)).status).toBe(401);
  expect((await h.as('pranataKomputer')('GET', '/me')).status).toBe(401);
  expect((await h.call('POST', '/auth/session', { body: { token: unusedLink } })).body.error.code).toBe('LINK_INVALID');

  expect((await h.as('admin')('PUT', `/users/${h.users.pranataKomputer.id}`, { body: { ...user, active: true } })).status).toBe(200);
  expect((await h.as('pranataKomputer')('GET', '/me')).status).toBe(200);
  expect((await h.call('GET', '/me', asUser)).status).toBe(401);
});

test('a sign-in page can ask which ways of signing in there are', async () => {
  expect((await h.call('GET', '/auth/options')).body).toEqual({ emailLink: true, oidc: null });
  expect((await h.call('GET', '/auth/oidc/login')).status).toBe(404);
});
