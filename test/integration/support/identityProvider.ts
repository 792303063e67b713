// A real OpenID Connect provider for tests: oidc-provider, in this process, on a free loopback port.
// Its login and consent pages are replaced by a handler that signs in whichever account the test
// chose, so a whole authorization code flow runs over HTTP without a browser.
import Provider from 'oidc-provider';
import { generateKeyPairSync } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestAccount {
  email: string;
  email_verified?: boolean;
  /** What the provider might say about the person's roles; Kolokasi must not listen. */
  roles?: string[];
}

export interface TestIdentityProvider {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
  /** Starts answering, for a client that comes back to `redirectUri`. */
  serve(redirectUri: string, accounts: Record<string, TestAccount>): void;
  /** The account the next login at the provider signs in. */
  signInNextAs(accountId: string): void;
  close(): Promise<void>;
}

export async function listenAsIdentityProvider(): Promise<TestIdentityProvider> {
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const server: Server = createServer((req, res) => {
    if (handler) return handler(req, res);
    res.statusCode = 503;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'kolokasi-uji';
  const clientSecret = 'rahasia-klien-uji';
  let nextAccount = '';

  return {
    issuerUrl,
    clientId,
    clientSecret,
    serve(redirectUri, accounts) {
      const provider = new Provider(issuerUrl, {
        clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
        async findAccount(_ctx, id) {
          const account = accounts[id];
          return account ? { accountId: id, claims: async () => ({ sub: id, ...account }) } : undefined;
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified', 'roles'] },
        features: { devInteractions: { enabled: false } },
        interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
        cookies: { keys: ['kunci-cookie-uji'] },
        // Its own signing key and lifetimes, so it does not warn about its development defaults.
        jwks: { keys: [{ ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: 'uji', use: 'sig', alg: 'RS256' }] },
        ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
      });
      const callback = provider.callback();
      handler = (req, res) => {
        if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
        // Login and consent at once, as a person who types their password and agrees would.
        void (async () => {
          const details = await provider.interactionDetails(req, res);
          const grant = new provider.Grant({ accountId: nextAccount, clientId });
          grant.addOIDCScope(String(details.params.scope));
          const grantId = await grant.save();
          await provider.interactionFinished(req, res, { login: { accountId: nextAccount }, consent: { grantId } }, { mergeWithLastSubmission: false });
        })().catch((error: unknown) => {
          res.statusCode = 500;
          res.end(String(error));
        });
      };
    },
    signInNextAs(accountId) {
      nextAccount = accountId;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
