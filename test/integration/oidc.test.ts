// Signing in through an OpenID Connect provider, for real: oidc-provider in this process plays the
// agency's Keycloak, and a browser is played by fetch with a cookie jar, following every redirect
// of the authorization code flow. The provider says who the person is; Kolokasi's users say what
// they may do, and whom it does not know (or who is inactive) it sends back to the sign-in page.
import { User } from '../../shared/db/user';
import { ApiHarness, startApiHarness } from './support/apiHarness';
import { listenAsIdentityProvider, TestIdentityProvider } from './support/identityProvider';

let h: ApiHarness;
let idp: TestIdentityProvider;

beforeAll(async () => {
  idp = await listenAsIdentityProvider();
  h = await startApiHarness('kolokasi_oidc', { oidc: { issuerUrl: idp.issuerUrl, clientId: idp.clientId, clientSecret: idp.clientSecret } });
  idp.serve(`${h.baseUrl}/auth/oidc/callback`, {
    'kc-kabid': { email: h.users.kabid.email, email_verified: true, roles: ['admin'] },
    'kc-stranger': { email: 'orang.luar@kominfo.test', email_verified: true },
    'kc-unverified': { email: h.users.kasi.email, email_verified: false },
    'kc-former': { email: h.users.helpdesk.email, email_verified: true },
  });
});
afterAll(async () => {
  await h?.close();
  await idp?.close();
});

/** Cookies by origin, as a browser keeps them (paths and expiry dates aside: a test's run is short). */
class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  header(url: URL): string {
    return [...(this.byOrigin.get(url.origin) ?? new Map()).entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(url: URL, response: Response): void {
    const jar = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    for (const cookie of response.headers.getSetCookie()) {
      const [pair, ...attributes] = cookie.split(';');
      const eq = pair!.indexOf('=');
      const [name, value] = [pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim()];
      const cleared = !value || attributes.some((a) => /expires=thu, 01 jan 1970/i.test(a) || /max-age=0$/i.test(a.trim()));
      if (cleared) jar.delete(name);
      else jar.set(name, value);
    }
    this.byOrigin.set(url.origin, jar);
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }
}

/**
 * Opens `start` and follows redirects as a browser does, until one leads into the web app (/app/),
 * which is where the API hands over: answers that address.
 */
async function browse(jar: CookieJar, start: string): Promise<URL> {
  let url = new URL(start);
  for (let hop = 0; hop < 15; hop++) {
    if (url.origin === h.baseUrl && url.pathname.startsWith('/app/')) return url;
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) throw new Error(`${url.href} answered ${response.status} without a redirect: ${await response.text()}`);
    url = new URL(location, url);
  }
  throw new Error('too many redirects');
}

/** Starts at the API's login, signs in at the provider as `account`, and stops on the way back to the API's callback. */
async function throughProvider(jar: CookieJar, account: string): Promise<URL> {
  idp.signInNextAs(account);
  let url = new URL(`${h.baseUrl}/auth/oidc/login`);
  for (let hop = 0; hop < 15; hop++) {
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, response);
    url = new URL(response.headers.get('location')!, url);
    if (url.origin === h.baseUrl && url.pathname === '/auth/oidc/callback') return url;
  }
  throw new Error('never came back to the callback');
}

test('the sign-in page offers the identity provider', async () => {
  expect((await h.call('GET', '/auth/options')).body).toEqual({ emailLink: true, oidc: { loginUrl: '/auth/oidc/login' } });
});

test('a full code flow with PKCE ends in the web app with a working session, in the role Kolokasi gives', async () => {
  const jar = new CookieJar();
  const login = await fetch(`${h.baseUrl}/auth/oidc/login`, { redirect: 'manual' });
  expect(login.status).toBe(302);
  const toProvider = new URL(login.headers.get('location')!);
  expect(toProvider.origin).toBe(idp.issuerUrl);
  expect(Object.fromEntries(toProvider.searchParams)).toMatchObject({
    client_id: idp.clientId,
    response_type: 'code',
    redirect_uri: `${h.baseUrl}/auth/oidc/callback`,
    code_challenge_method: 'S256',
    code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    state: expect.any(String),
  });
  expect(login.headers.getSetCookie().find((c) => c.startsWith('kolokasi_oidc='))).toMatch(/Path=\/auth\/oidc; .*HttpOnly; SameSite=Lax/);

  idp.signInNextAs('kc-kabid');
  const landed = await browse(jar, `${h.baseUrl}/auth/oidc/login`);
  expect(landed.href).toBe(`${h.baseUrl}/app/`);
  const cookie = `kolokasi_session=${jar.get(h.baseUrl, 'kolokasi_session')}`;
  const session = await h.call('GET', '/auth/session', { headers: { cookie } });
  expect(session.status).toBe(200);
  // The provider's "admin" role claim counts for nothing: the Kolokasi user is a Kabid.
  expect(session.body.user).toEqual({ id: h.users.kabid.id, name: 'Uji kabid', email: h.users.kabid.email, role: 'kabid', unitName: null });
  expect((await h.call('GET', '/inbox', { headers: { cookie } })).status).toBe(200);
  expect((await h.call('GET', '/users', { headers: { cookie } })).status).toBe(403);
  expect(jar.get(h.baseUrl, 'kolokasi_oidc')).toBeUndefined();
});

test('an address Kolokasi does not know, an unverified one, or an inactive user is sent back to the sign-in page, without a session', async () => {
  await User.updateOne({ _id: h.users.helpdesk.id }, { $set: { active: false } });
  for (const [account, code] of [['kc-stranger', 'USER_UNKNOWN'], ['kc-unverified', 'EMAIL_UNVERIFIED'], ['kc-former', 'USER_UNKNOWN']] as const) {
    const jar = new CookieJar();
    idp.signInNextAs(account);
    const landed = await browse(jar, `${h.baseUrl}/auth/oidc/login`);
    expect([account, landed.href]).toEqual([account, `${h.baseUrl}/app/masuk?galat=${code}`]);
    expect(jar.get(h.baseUrl, 'kolokasi_session')).toBeUndefined();
  }
});

test('a callback works once, and only in the browser that started the login', async () => {
  const started = new CookieJar();
  const callback = await throughProvider(started, 'kc-kabid');

  const elsewhere = new CookieJar();
  expect((await browse(elsewhere, callback.href)).href).toBe(`${h.baseUrl}/app/masuk?galat=OIDC_STATE_INVALID`);
  expect(elsewhere.get(h.baseUrl, 'kolokasi_session')).toBeUndefined();

  expect((await browse(started, callback.href)).href).toBe(`${h.baseUrl}/app/`);
  // The login is spent: the same callback again, even in the same browser, signs nobody in.
  expect(started.get(h.baseUrl, 'kolokasi_oidc')).toBeUndefined();
  expect((await browse(started, callback.href)).href).toBe(`${h.baseUrl}/app/masuk?galat=OIDC_STATE_INVALID`);
});
