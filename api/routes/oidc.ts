// Signing in through the agency's identity provider (OpenID Connect), when OIDC_* is configured:
// the browser is sent there and comes back to the callback, which opens the same session as an
// email link does and sends the browser on to the web app (or to its sign-in page, saying why not).
import type { Response } from 'express';
import type { OidcSettings } from '../../shared/config';
import type { ApiDeps } from '../deps';
import { ApiError } from '../errors';
import { defineRoute } from '../route';
import { finishOidcLogin, OIDC_LOGIN_MINUTES, OidcSignInRefused, startOidcLogin } from '../signIn/oidc';
import { publicUrlOf } from '../signIn/publicUrl';
import { clearCookie, cookieOf, CookieScope, isHttps, setCookie } from '../signIn/sessionCookie';
import { openSession } from '../signIn/sessions';
import { SIGN_IN_PAGE } from '../signIn/signInEmail';

export const OIDC_LOGIN_COOKIE = 'kolokasi_oidc';
const APP_HOME = '/app/';

const loginCookieScope = (deps: ApiDeps): CookieScope => ({ path: '/auth/oidc', secure: isHttps(deps.publicUrl) });

function configuredOidc(deps: ApiDeps): OidcSettings {
  if (!deps.oidc) throw new ApiError(404, 'NOT_FOUND', 'Masuk lewat penyedia identitas (OIDC) tidak diaktifkan di sini; masuklah dengan tautan email.');
  return deps.oidc;
}

/** Back to the sign-in page with the reason as ?galat=CODE, for the page to explain. */
function refuse(res: Response, deps: ApiDeps, code: string): void {
  clearCookie(res, OIDC_LOGIN_COOKIE, loginCookieScope(deps));
  res.redirect(302, `${publicUrlOf(deps)}${SIGN_IN_PAGE}?galat=${encodeURIComponent(code)}`);
}

export const oidcRoutes = [
  defineRoute({
    method: 'get',
    path: '/auth/oidc/login',
    summary: 'Masuk lewat penyedia identitas (OIDC)',
    description: `Mengalihkan peramban ke penyedia identitas (authorization code dengan PKCE dan state, berlaku ${OIDC_LOGIN_MINUTES} menit). 404 bila OIDC tidak dikonfigurasi.`,
    tags: ['Masuk'],
    access: 'publik',
    public: true,
    responses: { 302: { description: 'Ke halaman masuk penyedia identitas (atau ke /app/masuk?galat=OIDC_FAILED bila penyedia tidak dapat dihubungi)' } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'OIDC tidak dikonfigurasi.' }],
    async handle({ res, deps }) {
      const settings = configuredOidc(deps);
      let started;
      try {
        started = await startOidcLogin(settings, publicUrlOf(deps));
      } catch (error) {
        (deps.log ?? console.error)('[api] OIDC sign-in could not start (is the identity provider reachable?):', error);
        return refuse(res, deps, 'OIDC_FAILED');
      }
      setCookie(res, OIDC_LOGIN_COOKIE, started.browserKey, OIDC_LOGIN_MINUTES * 60_000, loginCookieScope(deps));
      res.redirect(302, started.url.href);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/auth/oidc/callback',
    summary: 'Kembali dari penyedia identitas (OIDC)',
    description:
      'Menukar kode, mengambil email yang terverifikasi, mencari pengguna Kolokasi yang aktif dengan email itu (perannya dari Kolokasi, bukan dari penyedia identitas), membuka sesi dan mengalihkan ke /app/. Bila gagal: ke /app/masuk?galat=OIDC_STATE_INVALID, OIDC_FAILED, EMAIL_MISSING, EMAIL_UNVERIFIED atau USER_UNKNOWN.',
    tags: ['Masuk'],
    access: 'publik (peramban yang memulai masuk)',
    public: true,
    responses: { 302: { description: 'Ke /app/ dengan cookie sesi, atau ke /app/masuk?galat=KODE' } },
    errors: [{ status: 404, codes: ['NOT_FOUND'], description: 'OIDC tidak dikonfigurasi.' }],
    async handle({ req, res, deps }) {
      const settings = configuredOidc(deps);
      const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
      let user;
      try {
        user = await finishOidcLogin(settings, publicUrlOf(deps), cookieOf(req, OIDC_LOGIN_COOKIE), query);
      } catch (error) {
        if (!(error instanceof OidcSignInRefused)) throw error;
        if (error.why) (deps.log ?? console.error)(`[api] OIDC sign-in refused (${error.code}):`, error.why);
        return refuse(res, deps, error.code);
      }
      clearCookie(res, OIDC_LOGIN_COOKIE, loginCookieScope(deps));
      await openSession(req, res, deps, user, 'oidc');
      res.redirect(302, `${publicUrlOf(deps)}${APP_HOME}`);
    },
  }),
];
