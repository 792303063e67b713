// The API process: people's actions arrive here and become workflow starts, signals and updates.
import { Client } from '@temporalio/client';
import { createSmtpMailer } from '../activities/mailer';
import { loadConfigOrExit } from '../shared/config';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { getProfile, UnknownProfileError } from '../shared/profile/registry';
import { createApp } from './app';
import { serveApi } from './server';
import { connectTemporal } from './temporalConnection';

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
  const connection = await connectTemporal(config.TEMPORAL_ADDRESS);
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const app = createApp({ temporal, mailer, taskQueue: config.TEMPORAL_TASK_QUEUE, profileId: config.KOLOKASI_PROFILE });
  const server = await serveApi(app, config.API_PORT);
  console.log(`[api] listening on http://localhost:${config.API_PORT} (docs: /docs); new requests follow the "${config.KOLOKASI_PROFILE}" SOP profile`);

  const shutdown = (): void => {
    server.close(async () => {
      mailer.close();
      await connection.close();
      await disconnectMongo();
      process.exit(0);
    });
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('[api] failed:', error);
  process.exit(1);
});
