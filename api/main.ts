// The API process: people's actions arrive here and become workflow starts, signals and updates.
import { Client } from '@temporalio/client';
import { createSmtpMailer } from '../activities/mailer';
import { apiPublicUrl, loadConfigOrExit, oidcSettings } from '../shared/config';
import { kolokasiDataConverter } from '../shared/dataConverter';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { encryptsWithDevelopmentKey } from '../shared/payloadCodec';
import { getProfile, UnknownProfileError } from '../shared/profile/registry';
import { moveLegacyTokens } from './apiTokens/legacyTokens';
import { createApp } from './app';
import { serveApi } from './server';
import { startSignInSweeper } from './signIn/sweep';
import { connectTemporal } from './temporalConnection';

const IN_FLIGHT_GRACE_MS = 3_000;
const SHUTDOWN_DEADLINE_MS = 8_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  try {
    getProfile(config.KOLOKASI_PROFILE);
  } catch (error) {
    if (!(error instanceof UnknownProfileError)) throw error;
    console.error(`Invalid configuration:\n  KOLOKASI_PROFILE=${JSON.stringify(config.KOLOKASI_PROFILE)}: ${error.message}`);
    process.exit(2);
  }
  await connectMongo(config.MONGODB_URI);
  const moved = await moveLegacyTokens();
  if (moved) console.log(`[api] moved ${moved} bearer token(s) from users.tokenHash to api_tokens (they keep working; GET /tokens lists them)`);
  const sweeper = startSignInSweeper(console.error);
  const connection = await connectTemporal(config.TEMPORAL_ADDRESS);
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: kolokasiDataConverter(config.KOLOKASI_PAYLOAD_KEYS) });
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const developmentKey = encryptsWithDevelopmentKey(config.KOLOKASI_PAYLOAD_KEYS);
  if (developmentKey) console.warn('[api] WARNING: Temporal payloads are encrypted with the public development key and /codec decodes without a token. Production must set KOLOKASI_PAYLOAD_KEYS (docs/PAYLOAD-ENCRYPTION.md).');
  const codecEndpoint = { uiOrigin: new URL(config.TEMPORAL_UI_URL).origin, withoutToken: developmentKey };
  const oidc = oidcSettings(config) ?? undefined;
  const app = createApp({ temporal, mailer, taskQueue: config.TEMPORAL_TASK_QUEUE, profileId: config.KOLOKASI_PROFILE, codecEndpoint, publicUrl: apiPublicUrl(config), oidc });
  const server = await serveApi(app, config.API_PORT);
  console.log(`[api] listening on http://localhost:${config.API_PORT} (docs: /docs); new requests follow the "${config.KOLOKASI_PROFILE}" SOP profile; sign-in by email link${oidc ? ` or at ${oidc.issuerUrl}` : ''}`);

  // Prompt on SIGTERM: server.close() alone waits for every keep-alive connection to go idle and
  // close, which a browser or a load test may never do. Idle ones are closed at once, busy ones get
  // a few seconds to answer, and a hung dependency cannot keep the process alive past the deadline.
  const shutdown = (): void => {
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    server.close(async () => {
      sweeper.stop();
      mailer.close();
      await connection.close();
      await disconnectMongo();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), IN_FLIGHT_GRACE_MS).unref();
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('[api] failed:', error);
  process.exit(1);
});
