// Sign-in through the agency's OpenID Connect provider (Keycloak and the like), with openid-client:
// the authorization code flow with PKCE and state. The provider says only who the person is (a
// verified email address); what they may do comes from their Kolokasi user, never from the provider.
import * as client from 'openid-client';
import { OidcLogin } from '../../shared/db/oidcLogin';
import type { OidcSettings } from '../../shared/config';
import { hashToken, MAX_TOKEN_LENGTH, newToken } from '../tokens';
import { activeUserWithEmail, CallerUser } from '../users/activeUser';

/** Minutes a person has at the provider before the login must start again. */
export const OIDC_LOGIN_MINUTES = 10;
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

/** Why a sign-in through the provider ended without a session: sent to the sign-in page as ?galat=. */
export type OidcRefusal = 'OIDC_STATE_INVALID' | 'OIDC_FAILED' | 'EMAIL_MISSING' | 'EMAIL_UNVERIFIED' | 'USER_UNKNOWN';

export class OidcSignInRefused extends Error {
  constructor(
    readonly code: OidcRefusal,
    readonly why?: unknown,
  ) {
    super(`OIDC sign-in refused: ${code}`);
    this.name = 'OidcSignInRefused';
  }
}

const configurations = new Map<string, Promise<client.Configuration>>();

/** The provider's metadata, discovered once per process; a failed discovery is tried again next time. */
function providerConfiguration(settings: OidcSettings): Promise<client.Configuration> {
  const key = `${settings.issuerUrl} ${settings.clientId}`;
  let configuration = configurations.get(key);
  if (!configuration) {
    const issuer = new URL(settings.issuerUrl);
    // shared/config.ts admits plain http only for a provider on this machine (development).
    const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
    configuration = client.discovery(issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), { execute, timeout: 10 });
    configuration.catch(() => configurations.delete(key));
    configurations.set(key, configuration);
  }
  return configuration;
}

export interface StartedLogin {
  /** Where to send the browser. */
  url: URL;
  /** Kept in the browser's cookie: only the browser that started the login can finish it. */
  browserKey: string;
}

export async function startOidcLogin(settings: OidcSettings, publicUrl: string, now = new Date()): Promise<StartedLogin> {
  const configuration = await providerConfiguration(settings);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const browserKey = newToken();
  await OidcLogin.create({ _id: hashToken(browserKey), state, codeVerifier, createdAt: now, expiresAt: new Date(now.getTime() + OIDC_LOGIN_MINUTES * 60_000) });
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: `${publicUrl}${OIDC_CALLBACK_PATH}`,
    scope: 'openid email',
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
  });
  return { url, browserKey };
}

/** The email the provider vouches for: from the ID token, else from userinfo (Keycloak puts it in both, others in one). */
async function verifiedEmail(configuration: client.Configuration, tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers): Promise<string> {
  const idClaims = tokens.claims();
  let claims: Record<string, unknown> = idClaims ?? {};
  if (typeof claims.email !== 'string' && idClaims) {
    try {
      claims = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    } catch (error) {
      throw new OidcSignInRefused('OIDC_FAILED', error);
    }
  }
  if (typeof claims.email !== 'string' || !claims.email) throw new OidcSignInRefused('EMAIL_MISSING');
  // An address the provider has not verified could be anyone's: only an explicit false is known, so
  // only that is refused (some providers leave the claim out for addresses they manage themselves).
  if (claims.email_verified === false || claims.email_verified === 'false') throw new OidcSignInRefused('EMAIL_UNVERIFIED');
  return claims.email;
}

/**
 * Finishes a login the provider sent back to `callbackQuery` (the callback's query string): the
 * active Kolokasi user with the verified email, or OidcSignInRefused saying why not.
 */
export async function finishOidcLogin(settings: OidcSettings, publicUrl: string, browserKey: string | undefined, callbackQuery: string, now = new Date()): Promise<CallerUser> {
  if (!browserKey || browserKey.length > MAX_TOKEN_LENGTH) throw new OidcSignInRefused('OIDC_STATE_INVALID');
  const login = await OidcLogin.findById(hashToken(browserKey)).lean();
  if (!login || login.expiresAt <= now) throw new OidcSignInRefused('OIDC_STATE_INVALID');
  // One try per login; the provider's code is single use as well, so a replayed callback gets nothing.
  await OidcLogin.deleteOne({ _id: login._id });
  const configuration = await providerConfiguration(settings);
  const callbackUrl = new URL(`${publicUrl}${OIDC_CALLBACK_PATH}`);
  callbackUrl.search = callbackQuery;
  let tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;
  try {
    tokens = await client.authorizationCodeGrant(configuration, callbackUrl, { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, idTokenExpected: true });
  } catch (error) {
    throw new OidcSignInRefused('OIDC_FAILED', error);
  }
  const user = await activeUserWithEmail(await verifiedEmail(configuration, tokens));
  if (!user) throw new OidcSignInRefused('USER_UNKNOWN');
  return user;
}
