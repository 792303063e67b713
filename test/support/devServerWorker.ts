// A worker in the test process on the Temporal dev server (its own task queue, the prebuilt
// workflow bundle), with its database on FerretDB and email to MailDev: what integration tests run
// their cases on. The outbox dispatcher runs beside it, as in the worker process.
import { Client, Connection } from '@temporalio/client';
import { placementWithdrawalDeps } from '../../worker/placementWithdrawal';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { ActivityDeps } from '../../activities';
import { createSmtpMailer, Mailer } from '../../activities/mailer';
import { OutboxDispatcher, OutboxDispatcherOptions, startOutboxDispatcher } from '../../activities/outbox/dispatcher';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { createWorker } from '../../worker/createWorker';
import { TEST_API_PUBLIC_URL } from './publicUrl';
import { workflowBundleFromEnv } from './workflowBundle';

export interface DevServerWorker {
  client: Client;
  taskQueue: string;
  mailer: Mailer;
  outbox: OutboxDispatcher;
  close(): Promise<void>;
}

export interface DevServerWorkerOptions {
  /** Another SMTP server than the run's MailDev (fault tests start their own). */
  smtpUrl?: string;
  outbox?: Omit<OutboxDispatcherOptions, 'mailer'>;
  /** Collaborators besides the mailer (a fake placement withdrawal for register reviews). */
  deps?: Partial<Omit<ActivityDeps, 'mailer'>>;
}

/** Connects mongoose to `databaseName` (one per test file) and runs a worker until close(). */
export async function startDevServerWorker(databaseName: string, options: DevServerWorkerOptions = {}): Promise<DevServerWorker> {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, `/${databaseName}`));
  const mailer = createSmtpMailer(options.smtpUrl ?? process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  const nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  const taskQueue = `${databaseName}-${randomUUID()}`;
  const client = new Client({ connection, dataConverter: dataConverterFromEnv() });
  const worker: Worker = await createWorker({ connection: nativeConnection, namespace: 'default', taskQueue, deps: { mailer, apiPublicUrl: TEST_API_PUBLIC_URL, placements: { client, taskQueue }, registerReview: placementWithdrawalDeps(client), ...options.deps }, workflowBundle: workflowBundleFromEnv() });
  const running = worker.run();
  const outbox = startOutboxDispatcher({ mailer, log: () => undefined, ...options.outbox });
  return {
    client,
    taskQueue,
    mailer,
    outbox,
    async close() {
      worker.shutdown();
      await running;
      await outbox.stop();
      await nativeConnection.close();
      await connection.close();
      mailer.close();
      await disconnectMongo();
    },
  };
}
