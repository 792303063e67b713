// The worker process: runs Kolokasi's workflows and activities against the configured services.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createSmtpMailer } from '../activities/mailer';
import { startOutboxDispatcher } from '../activities/outbox/dispatcher';
import { apiPublicUrl as publicUrlOf, loadConfigOrExit } from '../shared/config';
import { kolokasiDataConverter } from '../shared/dataConverter';
import { connectMongo, disconnectMongo } from '../shared/db/connect';
import { startCalendarWatch } from './calendarWatch';
import { getProfile } from '../shared/profile/registry';
import { createWorker } from './createWorker';
import { limitWorkflowThreadHeap } from './workflowHeap';
import { placementWithdrawalDeps } from './placementWithdrawal';
import { startReconcilerLoop } from './reconciler';
import { ensureReviewSchedule } from './reviewSchedules';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await connectMongo(config.MONGODB_URI);
  const mailer = createSmtpMailer(config.SMTP_URL, config.MAIL_FROM);
  // The links in emails lead to the API's web app: the address people reach the API at, as the API has it.
  const apiPublicUrl = publicUrlOf(config);
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const clientConnection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  const client = new Client({ connection: clientConnection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: kolokasiDataConverter(config.KOLOKASI_PAYLOAD_KEYS) });
  limitWorkflowThreadHeap(config.KOLOKASI_WORKFLOW_HEAP_MB);
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    maxCachedWorkflows: config.KOLOKASI_WORKFLOW_CACHE,
    // A colocation that goes live starts its placement from the asset-register activity.
    deps: { mailer, apiPublicUrl, registerReview: placementWithdrawalDeps(client), placements: { client, taskQueue: config.TEMPORAL_TASK_QUEUE } },
  });
  // The yearly register review opens on the profile's date; a changed profile moves the Schedule.
  const schedule = await ensureReviewSchedule(client, getProfile(config.KOLOKASI_PROFILE), config.TEMPORAL_TASK_QUEUE);
  console.log(`[worker] register review schedule for ${config.KOLOKASI_PROFILE}: ${schedule}`);
  // Cases only write their emails; this sends them, so a mail outage never holds a decision up.
  const outbox = startOutboxDispatcher({ mailer, publicUrl: apiPublicUrl });
  console.log(`[worker] polling task queue "${config.TEMPORAL_TASK_QUEUE}" on ${config.TEMPORAL_ADDRESS}`);
  // Closes records of cases whose workflow ended without saying so, gives back what they held, and
  // starts the placement of any active asset that has none.
  const reconciler = startReconcilerLoop({ client, taskQueue: config.TEMPORAL_TASK_QUEUE });
  // A year whose cuti bersama nobody recorded yet is told to the admins, not silently counted as working days.
  const calendarWatch = startCalendarWatch({ profileId: config.KOLOKASI_PROFILE });
  // Worker.run() shuts down gracefully on SIGINT/SIGTERM by default.
  await worker.run();
  await reconciler.stop();
  await calendarWatch.stop();
  await clientConnection.close();
  await outbox.stop();
  await connection.close();
  mailer.close();
  await disconnectMongo();
}

main().catch((error: unknown) => {
  console.error('[worker] failed:', error);
  process.exit(1);
});
