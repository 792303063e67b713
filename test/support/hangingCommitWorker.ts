// A worker process for the crash-recovery test: the real worker on the test's services, except that
// after KOLOKASI_TEST_COMMITS_BEFORE_HANG commits its next commit never finishes. It says so on
// stdout ("HANGING"), and the test then kills it with SIGKILL in the middle of that commit.
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { CaseCommit } from '../../activities/commit';
import { createSmtpMailer } from '../../activities/mailer';
import { connectMongo } from '../../shared/db/connect';
import { createWorker } from '../../worker/createWorker';
import { TEST_API_PUBLIC_URL } from './publicUrl';
import { workflowBundleFromEnv } from './workflowBundle';

async function main(): Promise<void> {
  const env = process.env;
  await connectMongo(env.MONGODB_URI!);
  const mailer = createSmtpMailer(env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  const real = createActivities({ mailer, apiPublicUrl: TEST_API_PUBLIC_URL });
  let commitsLeft = Number(env.KOLOKASI_TEST_COMMITS_BEFORE_HANG);
  const commitCase = async (commit: CaseCommit): Promise<void> => {
    if (commitsLeft-- > 0) return real.commitCase(commit);
    console.log(`HANGING ${commit.requestNumber}@${commit.revision}`);
    await new Promise(() => undefined);
  };
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createWorker({ connection, namespace: 'default', taskQueue: env.KOLOKASI_TEST_TASK_QUEUE!, deps: { mailer, apiPublicUrl: TEST_API_PUBLIC_URL }, workflowBundle: workflowBundleFromEnv(), activities: { commitCase } });
  console.log('POLLING');
  await worker.run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
