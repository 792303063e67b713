// The API process: people's actions arrive here and become workflow starts, signals and updates.
import { Client, Connection } from '@temporalio/client';
import { createSmtpMailer } from '../activities/mailer';
import { loadConfigOrExit } from '../shared/config';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { createApp } from './app';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await connectMongo(config.MONGODB_URI);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  const server = createApp({ temporal, mailer }).listen(config.API_PORT, () => {
    console.log(`[api] listening on http://localhost:${config.API_PORT}`);
  });

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
