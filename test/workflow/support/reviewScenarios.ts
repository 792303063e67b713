// The register review's recorded histories (test/histories/): a review reminded and escalated,
// then answered — one server confirmed, one corrected, one missing with its withdrawal asked for —
// and the Schedule's opener starting a review. Each runs its own worker beside the case harness's,
// with a fake placement withdrawal (the real one is the placement workflow's).
import { randomUUID } from 'node:crypto';
import { createSmtpMailer } from '../../../activities/mailer';
import { REGISTER_REVIEW_PROCEDURE, registerReviewWorkflowId, reviewTaskUpdate, reviewViewQuery, SA } from '../../../shared/contracts/registerReview';
import { ReviewTask } from '../../../shared/db/registerReview';
import { registerReviewWorkflow } from '../../../workflows/registerReview';
import { registerReviewOpenerWorkflow } from '../../../workflows/registerReview/opener';
import { createWorker } from '../../../worker/createWorker';
import { seedAsset } from '../../fixtures/asset';
import { TEST_API_PUBLIC_URL } from '../../support/publicUrl';
import { workflowBundleFromEnv } from '../../support/workflowBundle';
import { actorFor, eventually, Harness } from './caseHarness';
import { openWithAnswer } from './reviewHarness';
import type { Scenario } from './historyScenarios';

async function withReviewWorker<T>(h: Harness, run: (taskQueue: string) => Promise<T>): Promise<T> {
  const mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  const taskQueue = `reviews-${randomUUID()}`;
  const worker = await createWorker({
    connection: h.env.nativeConnection,
    namespace: h.env.namespace ?? 'default',
    taskQueue,
    deps: { mailer, apiPublicUrl: TEST_API_PUBLIC_URL, registerReview: { requestPlacementWithdrawal: async () => undefined } },
    workflowBundle: workflowBundleFromEnv(),
  });
  const running = worker.run();
  try {
    return await run(taskQueue);
  } finally {
    worker.shutdown();
    await running;
    mailer.close();
  }
}

export const reviewScenarios: Record<string, Scenario> = {
  'kaltim-register-review-escalated-then-answered': (h) =>
    withReviewWorker(h, async (taskQueue) => {
      await seedAsset({ unitName: 'Dinas Kesehatan', domain: 'simpus.kaltimprov.go.id', serverName: 'srv-simpus-rec', rackId: 'R01', rackUnits: 'U10-U11', ipAddress: '10.20.0.11', serialNumber: 'SN-A-001' });
      const sipd = await seedAsset({ unitName: 'Bappeda', domain: 'sipd.kaltimprov.go.id', serverName: 'srv-sipd-rec', rackId: 'R01', rackUnits: 'U12-U13', ipAddress: '10.20.0.12', serialNumber: 'SN-B-002' });
      const ppdb = await seedAsset({ unitName: 'Dinas Pendidikan', domain: 'ppdb.kaltimprov.go.id', serverName: 'srv-ppdb-rec', rackId: 'R02', rackUnits: 'U01-U02', ipAddress: '10.20.0.13', serialNumber: 'SN-C-003' });
      const workflowId = registerReviewWorkflowId('kaltim', 2050);
      const handle = await h.env.client.workflow.start(registerReviewWorkflow, {
        taskQueue,
        workflowId,
        args: [{ v: 1, profileId: 'kaltim', year: 2050, openedBy: { kind: 'admin', userId: 'user-admin', name: 'Admin' } }],
        typedSearchAttributes: [{ key: SA.procedure, value: REGISTER_REVIEW_PROCEDURE }, { key: SA.status, value: 'open' }],
      });
      const view = await eventually(() => handle.query(reviewViewQuery));
      await h.advancePast(new Date(Date.parse(view.deadline) + 5 * 24 * 3_600_000).toISOString());
      await eventually(async () => {
        if (!(await handle.query(reviewViewQuery)).escalatedAt) throw new Error('not escalated yet');
      });
      for (const task of await ReviewTask.find({ reviewId: workflowId, state: 'open' }).lean()) {
        const decisionId = randomUUID();
        const base = { decisionId, actor: actorFor('dcStaff'), assetId: task.assetId };
        const action =
          task.assetId === sipd
            ? { ...base, outcome: 'corrected' as const, changes: { ipAddress: '10.20.0.42' }, reason: 'Alamat IP berubah saat penataan jaringan' }
            : task.assetId === ppdb
              ? { ...base, outcome: 'missing' as const, reason: 'Server tidak ada di rak R02' }
              : { ...base, outcome: 'confirmed' as const };
        await handle.executeUpdate(reviewTaskUpdate, { args: [action], updateId: decisionId });
      }
      await handle.result();
      return handle;
    }),
  // An answer that reached the review before it was open (sent with the start): checked once it is.
  'kaltim-register-review-answer-with-start': (h) =>
    withReviewWorker(h, async (taskQueue) => {
      const simpus = await seedAsset({ unitName: 'Dinas Kesehatan', domain: 'simpus.kaltimprov.go.id', serverName: 'srv-simpus-start', rackId: 'R01', rackUnits: 'U10-U11', ipAddress: '10.20.0.11', serialNumber: 'SN-A-001' });
      const { handle, result } = await openWithAnswer(h.env.client, taskQueue, 'kaltim', 2051, { decisionId: randomUUID(), actor: actorFor('dcStaff'), assetId: simpus, outcome: 'confirmed' });
      await result;
      for (const task of await ReviewTask.find({ reviewId: handle.workflowId, state: 'open' }).lean()) {
        const decisionId = randomUUID();
        await handle.executeUpdate(reviewTaskUpdate, { args: [{ decisionId, actor: actorFor('dcStaff'), assetId: task.assetId, outcome: 'confirmed' }], updateId: decisionId });
      }
      await handle.result();
      return handle;
    }),
  'kaltim-register-review-opener': (h) =>
    withReviewWorker(h, async (taskQueue) => {
      const handle = await h.env.client.workflow.start(registerReviewOpenerWorkflow, { taskQueue, workflowId: `register-review-opener-kaltim-${randomUUID()}`, args: [{ v: 1, profileId: 'kaltim', timeZone: 'WITA' }] });
      await handle.result();
      return handle;
    }),
};
