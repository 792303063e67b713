// Runs register reviews on the time-skipping test server with the real activities, FerretDB and
// MailDev, and a fake placement withdrawal that records what it is asked (the real one is the
// placement workflow's, wired by the worker).
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createSmtpMailer } from '../../../activities/mailer';
import { startOutboxDispatcher } from '../../../activities/outbox/dispatcher';
import type { PlacementWithdrawalRequest } from '../../../activities/registerReview';
import { REGISTER_REVIEW_PROCEDURE, RegisterReviewInput, registerReviewWorkflowId, ReviewTaskAction, ReviewTaskResult, reviewTaskUpdate, ReviewView, reviewViewQuery, SA } from '../../../shared/contracts/registerReview';
import { connectMongo, disconnectMongo } from '../../../shared/db/connect';
import type { Actor } from '../../../shared/decisions';
import type { Role } from '../../../shared/profile/schema';
import { registerReviewWorkflow } from '../../../workflows/registerReview';
import { createWorker } from '../../../worker/createWorker';
import { createTimeSkippingEnv } from '../../support/timeSkipping';
import { TEST_API_PUBLIC_URL } from '../../support/publicUrl';
import { workflowBundleFromEnv } from '../../support/workflowBundle';
import { actorFor, seedStaff, staffEmail } from './caseHarness';
import { StartedWithUpdate, startWithUpdate } from './startWithUpdate';

export { staffEmail };
export { seedAsset } from '../../fixtures/asset';

/** An answer as the test writes it: the id and the reviewer default. */
type AnswerInput = ReviewTaskAction extends infer A ? (A extends ReviewTaskAction ? Omit<A, 'decisionId' | 'actor'> & { decisionId?: string; actor?: Actor } : never) : never;

export interface ReviewHarness {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Every withdrawal the reviews asked for, in order. */
  withdrawals: PlacementWithdrawalRequest[];
  open(profileId: string, year: number, historyLimit?: number): Promise<WorkflowHandleWithFirstExecutionRunId<typeof registerReviewWorkflow>>;
  answer(handle: WorkflowHandle, action: AnswerInput): Promise<ReviewTaskResult>;
  view(handle: WorkflowHandle): Promise<ReviewView>;
  close(): Promise<void>;
}

export async function createReviewHarness(databaseName: string): Promise<ReviewHarness> {
  const env = await createTimeSkippingEnv();
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, `/${databaseName}`));
  await seedStaff(databaseName);
  const mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  const withdrawals: PlacementWithdrawalRequest[] = [];
  const taskQueue = `reviews-${randomUUID()}`;
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue,
    deps: { mailer, apiPublicUrl: TEST_API_PUBLIC_URL, registerReview: { requestPlacementWithdrawal: async (input) => void withdrawals.push(input) } },
    workflowBundle: workflowBundleFromEnv(),
  });
  const running = worker.run();
  const outbox = startOutboxDispatcher({ mailer, log: () => undefined });
  return {
    env,
    taskQueue,
    withdrawals,
    open(profileId, year, historyLimit) {
      return env.client.workflow.start(registerReviewWorkflow, { taskQueue, ...reviewToOpen(profileId, year, historyLimit) });
    },
    answer(handle, action) {
      const decisionId = action.decisionId ?? randomUUID();
      const full = { ...action, decisionId, actor: action.actor ?? actorFor('dcStaff') } as ReviewTaskAction;
      return handle.executeUpdate(reviewTaskUpdate, { args: [full], updateId: decisionId });
    },
    async view(handle) {
      // Until the first workflow task completes, the query handler does not exist yet.
      for (let i = 0; ; i += 1) {
        try {
          return await handle.query(reviewViewQuery);
        } catch (error) {
          if (i > 100) throw error;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    },
    async close() {
      worker.shutdown();
      await running;
      await outbox.stop();
      mailer.close();
      await disconnectMongo();
      await env.teardown();
    },
  };
}

/** The workflow id, input and search attributes of the review of a profile's year, as an admin opens it. */
function reviewToOpen(profileId: string, year: number, historyLimit?: number) {
  const workflowId = registerReviewWorkflowId(profileId, year);
  return {
    workflowId,
    args: [{ v: 1 as const, profileId, year, openedBy: { kind: 'admin' as const, userId: 'user-admin', name: 'Admin Uji' }, historyLimit }] as [RegisterReviewInput],
    typedSearchAttributes: [
      { key: SA.procedure, value: REGISTER_REVIEW_PROCEDURE },
      { key: SA.requestNumber, value: workflowId },
      { key: SA.status, value: 'open' },
    ],
  };
}

/**
 * Opens the review of a profile's year with an answer in the same call (update-with-start), so the
 * answer reaches the review before it is open; `result` is the answer's.
 */
export function openWithAnswer(client: Client, taskQueue: string, profileId: string, year: number, action: ReviewTaskAction): Promise<StartedWithUpdate<typeof registerReviewWorkflow, ReviewTaskResult>> {
  return startWithUpdate(client, registerReviewWorkflow, { taskQueue, ...reviewToOpen(profileId, year) }, reviewTaskUpdate, [action], action.decisionId);
}

export const reviewer = (role: Role = 'dcStaff'): Actor => actorFor(role);
