// Run as its own process by test/workflow/stackTraces.test.ts: the worker's workflow threads copy
// the process's real environment, which jest's sandboxed `process.env` does not reach. Starts a
// worker, a workflow waiting on its activity, asks the `__stack_trace` query and prints the answer.
import { randomUUID } from 'node:crypto';
import { createSmtpMailer } from '../../activities/mailer';
import { smokeTestWorkflow } from '../../workflows/smokeTest';
import { createWorker } from '../../worker/createWorker';
import { TEST_API_PUBLIC_URL } from './publicUrl';
import { createTimeSkippingEnv } from './timeSkipping';
import { workflowBundleFromEnv } from './workflowBundle';

async function main(): Promise<void> {
  const env = await createTimeSkippingEnv();
  const mailer = createSmtpMailer('smtp://127.0.0.1:9', 'Kolokasi <kolokasi@test.local>');
  const taskQueue = `stack-traces-${randomUUID()}`;
  let activityStarted = false;
  let finishActivity: (result: string) => void = () => undefined;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: { mailer, apiPublicUrl: TEST_API_PUBLIC_URL },
    workflowBundle: workflowBundleFromEnv(),
    activities: {
      recordAndAnnounceSmokeTest: () => {
        activityStarted = true;
        return new Promise<string>((resolve) => (finishActivity = resolve));
      },
    },
  });
  try {
    const answer = await worker.runUntil(async () => {
      const handle = await env.client.workflow.start(smokeTestWorkflow, { taskQueue, workflowId: taskQueue, args: [{ id: 'x', note: 'x', emailTo: 'x@test.local' }] });
      for (let i = 0; i < 200 && !activityStarted; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      if (!activityStarted) throw new Error('the activity never started');
      try {
        return await handle.query<string>('__stack_trace').then(
          (trace) => ({ trace }),
          (error: Error) => ({ refused: error.name }),
        );
      } finally {
        finishActivity('done');
        await handle.result();
      }
    });
    console.log(JSON.stringify(answer));
  } finally {
    mailer.close();
    await env.teardown();
  }
}

void main();
