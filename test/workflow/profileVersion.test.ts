// A case keeps the SOP profile it started with. The worker here keeps no workflow in its cache, so
// every row of the case is replayed from history; once the profile is edited (rows 2 and 3 of the
// colocation procedure get longer times), the running case still follows the times it started
// with, and only a case started after the edit follows the new ones.
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities';
import { createSmtpMailer } from '../../activities/mailer';
import type { CaseState } from '../../shared/caseState';
import { caseStateQuery, sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import { dataConverterFromEnv } from '../../shared/dataConverter';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import type { ProfileSnapshot } from '../../shared/profile/schema';
import { sopCaseWorkflow } from '../../workflows/sopCase';
import { aColocationRequest } from '../fixtures/submission';
import { TEST_API_PUBLIC_URL } from '../support/publicUrl';
import { createTimeSkippingEnv } from '../support/timeSkipping';
import { workflowBundleFromEnv } from '../support/workflowBundle';
import { actorFor, happyPayload } from './support/caseHarness';

test('editing a profile never changes a case already running', async () => {
  const env = await createTimeSkippingEnv();
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_wf_profile_version'));
  const mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  const activities = createActivities({ mailer, apiPublicUrl: TEST_API_PUBLIC_URL });
  let edited = false;
  const loadProfileSnapshot = async (input: { profileId: string; years: number[] }): Promise<ProfileSnapshot> => {
    const snapshot = await activities.loadProfileSnapshot(input);
    if (!edited) return snapshot;
    const procedures = snapshot.profile.procedures.map((p) =>
      p.id !== 'colocation' ? p : { ...p, activities: p.activities.map((a) => (['2', '3'].includes(a.no) ? { ...a, duration: { amount: 4, unit: 'jam' as const } } : a)) },
    );
    return { ...snapshot, profile: { ...snapshot.profile, version: snapshot.profile.version + 1, procedures } };
  };
  const taskQueue = `profile-version-${randomUUID()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    activities: { ...activities, loadProfileSnapshot },
    workflowBundle: workflowBundleFromEnv(),
    maxCachedWorkflows: 0,
    dataConverter: dataConverterFromEnv(),
  });
  const start = (requestNumber: string) =>
    env.client.workflow.start(sopCaseWorkflow, {
      taskQueue,
      workflowId: sopCaseWorkflowId('colocation', requestNumber),
      args: [{ v: 1, requestNumber, profileId: 'cirebon', procedureId: 'colocation', request: aColocationRequest(), submittedBy: actorFor('applicant') }],
    });
  const waitForPending = async (handle: Awaited<ReturnType<typeof start>>, kind: string): Promise<CaseState> => {
    for (;;) {
      const state = await handle.query(caseStateQuery).catch(() => undefined);
      if (state?.currentStep?.pending?.kind === kind) return state;
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const decide = (handle: Awaited<ReturnType<typeof start>>, state: CaseState) =>
    handle.executeUpdate('disposition', { args: [{ decisionId: randomUUID(), actor: actorFor(state.currentStep!.pending!.by), payload: happyPayload('disposition', state) }] });

  try {
    await worker.runUntil(async () => {
      const serial = Math.floor(Math.random() * 800_000) + 100_000;
      const running = await start(`CRB-2026-${serial}`);
      const before = await waitForPending(running, 'disposition');
      expect(before.currentStep!.standard).toEqual({ amount: 15, unit: 'menit' });

      edited = true;
      await decide(running, before);
      await decide(running, await waitForPending(running, 'disposition'));
      const after = await waitForPending(running, 'capacityCheck');
      expect(after.profileVersion).toBe(before.profileVersion);
      expect(after.currentStep!.standard).toEqual({ amount: 1, unit: 'jam' });

      const next = await start(`CRB-2026-${serial + 1}`);
      const onEdited = await waitForPending(next, 'disposition');
      expect(onEdited.profileVersion).toBe(before.profileVersion + 1);
      expect(onEdited.currentStep!.standard).toEqual({ amount: 4, unit: 'jam' });
      await Promise.all([running.terminate('test finished'), next.terminate('test finished')]);
    });
  } finally {
    mailer.close();
    await disconnectMongo();
    await env.teardown();
  }
});
