// Runs SOP cases (every procedure) on the time-skipping test server with the real activities, FerretDB and
// MailDev, and drives them the way people would: one decision at a time, by the role that owns it.
import { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Activities, createActivities } from '../../../activities';
import { createSmtpMailer, Mailer } from '../../../activities/mailer';
import { startOutboxDispatcher } from '../../../activities/outbox/dispatcher';
import { addIpAddresses, seedDemoInventory, setPoolTotal } from '../../../activities/capacityInventory';
import type { CaseRequest, CaseState } from '../../../shared/caseState';
import { caseStateQuery, requestStopUpdate, SopCaseInput, sopCaseWorkflowId } from '../../../shared/contracts/sopCase';
import { connectMongo, disconnectMongo } from '../../../shared/db/connect';
import { User } from '../../../shared/db/user';
import { Actor, decisionUpdates, DecisionPayload, DecisionResult, withdrawUpdate } from '../../../shared/decisions';
import type { HumanActionKind } from '../../../shared/profile/actions';
import { Role, roleCodes } from '../../../shared/profile/schema';
import { getProfile } from '../../../shared/profile/registry';
import { sopCaseWorkflow } from '../../../workflows/sopCase';
import { createWorker } from '../../../worker/createWorker';
import { aBackupRequest, aColocationRequest, aRestoreRequest, aWithdrawalRequest } from '../../fixtures/submission';
import { TEST_API_PUBLIC_URL } from '../../support/publicUrl';
import { createTimeSkippingEnv } from '../../support/timeSkipping';
import { startWithUpdate } from './startWithUpdate';
import { workflowBundleFromEnv } from '../../support/workflowBundle';

export const staffEmail = (role: Role): string => `${role}@kominfo.test`;

export interface Harness {
  env: TestWorkflowEnvironment;
  taskQueue: string;
  /** Starts a case of the profile's procedure (colocation unless named), with a realistic request. */
  start(profileId: string, procedureId?: string, request?: CaseRequest): Promise<WorkflowHandleWithFirstExecutionRunId<typeof sopCaseWorkflow>>;
  /**
   * Starts a colocation case with a decision in the same call (update-with-start), so the decision
   * reaches the case before it has read its profile; `result` is the decision's answer.
   */
  startWithDecision<K extends HumanActionKind>(profileId: string, kind: K, role: Role, payload: DecisionPayload<K>): Promise<{ handle: WorkflowHandle; result: Promise<DecisionResult> }>;
  /** `updateId` defaults to the decision id, as the API sends it. */
  decide<K extends HumanActionKind>(handle: WorkflowHandle, kind: K, role: Role, payload: DecisionPayload<K>, decisionId?: string, updateId?: string): Promise<DecisionResult>;
  withdraw(handle: WorkflowHandle, reason: string): Promise<DecisionResult>;
  /** The SKPD's letter asking to stop a backup service. */
  requestStop(handle: WorkflowHandle): Promise<DecisionResult>;
  state(handle: WorkflowHandle): Promise<CaseState>;
  /** Moves the test server's clock to just past `iso` (working-time deadlines may be days away). */
  advancePast(iso: string): Promise<void>;
  close(): Promise<void>;
}

let sequence = Math.floor(Math.random() * 900_000);

export function actorFor(role: Role): Actor {
  return { userId: `user-${role}`, name: `Petugas ${role}`, role };
}

/** A user with the test address for every staff role, as `actorFor` names them. */
export async function seedStaff(databaseName: string): Promise<void> {
  for (const role of roleCodes.filter((r) => r !== 'applicant')) {
    await User.updateOne(
      { _id: `user-${role}` },
      { $setOnInsert: { name: `Petugas ${role}`, email: staffEmail(role), role, tokenHash: `hash-${role}-${databaseName}`, active: true, createdAt: new Date() } },
      { upsert: true },
    );
  }
}

/** The demo inventory with pools large enough that the many cases a test file leaves open never run it dry. */
async function roomyInventory(): Promise<void> {
  await seedDemoInventory();
  for (const kind of ['power', 'ups', 'genset'] as const) await setPoolTotal(kind, 200_000);
  // Below the schema's 10 Gbps maximum need, so a test can still ask for more than there is.
  await setPoolTotal('bandwidth', 9_000);
  await addIpAddresses('10.30.0.0/22');
}

/** `replace` swaps some of the real activities for others (e.g. a commit that fails once). */
export interface HarnessOptions {
  /** Colocations that go live start their placement workflow (workflows/placement.ts), as in the worker. */
  placements?: boolean;
}

export async function createHarness(databaseName: string, inventory: () => Promise<unknown> = roomyInventory, replace?: (real: Activities) => Partial<Activities>, options: HarnessOptions = {}): Promise<Harness> {
  const env = await createTimeSkippingEnv();
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, `/${databaseName}`));
  await inventory();
  await seedStaff(databaseName);
  const mailer: Mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  const taskQueue = `cases-${randomUUID()}`;
  const activities = replace?.(createActivities({ mailer, apiPublicUrl: TEST_API_PUBLIC_URL }));
  const placements = options.placements ? { client: env.client, taskQueue } : undefined;
  const worker: Worker = await createWorker({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, deps: { mailer, apiPublicUrl: TEST_API_PUBLIC_URL, placements }, workflowBundle: workflowBundleFromEnv(), activities });
  const running = worker.run();
  // Cases only queue their emails; this delivers them to MailDev, as the worker process does.
  const outbox = startOutboxDispatcher({ mailer, log: () => undefined });

  return {
    env,
    taskQueue,
    start(profileId, procedureId = 'colocation', request) {
      return env.client.workflow.start(sopCaseWorkflow, { taskQueue, ...caseToStart(profileId, procedureId, request) });
    },
    startWithDecision(profileId, kind, role, payload) {
      const decisionId = randomUUID();
      return startWithUpdate(env.client, sopCaseWorkflow, { taskQueue, ...caseToStart(profileId, 'colocation') }, decisionUpdates[kind], [{ decisionId, actor: actorFor(role), payload } as never], decisionId);
    },
    decide(handle, kind, role, payload, decisionId = randomUUID(), updateId = decisionId) {
      return handle.executeUpdate(decisionUpdates[kind], { args: [{ decisionId, actor: actorFor(role), payload } as never], updateId });
    },
    withdraw(handle, reason) {
      const decisionId = randomUUID();
      return handle.executeUpdate(withdrawUpdate, { args: [{ decisionId, actor: actorFor('applicant'), reason }], updateId: decisionId });
    },
    requestStop(handle) {
      const decisionId = randomUUID();
      const letter = { letterNumber: '045/123/Diskes', letterDate: '2026-11-20', subject: 'Permohonan penghentian back up' };
      return handle.executeUpdate(requestStopUpdate, { args: [{ decisionId, actor: actorFor('applicant'), letter, reason: 'Aplikasi dipindahkan ke pusat data nasional' }], updateId: decisionId });
    },
    state(handle) {
      return handle.query(caseStateQuery);
    },
    async advancePast(iso) {
      const now = await env.currentTimeMs();
      await env.sleep(Math.max(Date.parse(iso) - now, 0) + 60_000);
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

/** The workflow id and input of a new case of the profile's procedure, with a realistic request. */
function caseToStart(profileId: string, procedureId: string, request?: CaseRequest) {
  const profile = getProfile(profileId);
  const procedure = profile.procedures.find((p) => p.id === procedureId)!;
  const requestNumber = `${profile.code}${procedure.code ? `-${procedure.code}` : ''}-2026-${String(++sequence).padStart(6, '0')}`;
  const body = request ?? { colocation: aColocationRequest, backup: aBackupRequest, restore: aRestoreRequest, withdrawal: aWithdrawalRequest }[procedure.request]();
  return {
    workflowId: sopCaseWorkflowId(procedureId, requestNumber),
    args: [{ v: body.kind === 'withdrawal' ? 2 : 1, requestNumber, profileId, procedureId, request: body, submittedBy: actorFor('applicant') }] as [SopCaseInput],
  };
}

/** A plausible payload for each decision on the happy path. */
export function happyPayload(kind: HumanActionKind, state: CaseState): DecisionPayload<HumanActionKind> {
  const server = state.submission.kind === 'colocation' ? state.submission.servers[0]! : { name: '-' };
  switch (kind) {
    case 'disposition':
      return { note: 'Diteruskan untuk diproses' };
    case 'clarification':
      return { summary: 'Kebutuhan 2U, 800 W, 50 Mbps dikonfirmasi' };
    case 'capacityCheck':
      return { outcome: 'confirm' };
    case 'applicationForm':
      return {};
    case 'approval':
      return { decision: 'approve', consideration: 'Kapasitas tersedia dan dokumen lengkap', form: { serialNumber: 'SN-0001', typeAndBrand: 'Dell PowerEdge R650', hostAdminUser: 'admin-simpus', contactPerson: 'Siti Rahmawati 0812-1111-2222' } };
    case 'deviceDelivery':
      return { deliveredBy: 'Budi Santoso' };
    case 'specVerification':
      return { result: 'match', servers: [{ name: server.name, serialNumber: 'SN-0001', typeAndBrand: 'Dell PowerEdge R650' }] };
    case 'installation':
      return { monitoringId: `zabbix-${state.requestNumber}` };
    case 'handover':
      return { handedOverBy: { name: 'Siti Rahmawati', nip: '198503152010012003' }, receivedBy: { name: 'Andi Pratama', nip: '199001012015031001' } };
    case 'powerCheck':
      return { outcome: 'available' };
    case 'backupPlan':
      return { scope: 'Basis data SIMPUS harian penuh', schedule: { every: 1, unit: 'minggu' } };
    case 'backupRun':
      return { files: 'simpus.sql.gz', storedAt: 'NAS-DC/backup/simpus', sizeMb: 420 };
    case 'backupStop':
      return { note: 'Jadwal back up dihapus' };
    case 'restoreRun':
      return { restoredFrom: 'NAS-DC/backup/simpus/2026-11-15' };
    case 'restoreReport':
      return { summary: 'Data SIMPUS dipulihkan sampai 15 November 2026', formRef: 'FR-RS-01' };
    case 'decision':
      return { answer: 'ya' };
    case 'task':
      return { note: 'Selesai dikerjakan' };
    case 'withdrawalApproval':
      return { decision: 'approve', consideration: 'Server tidak lagi digunakan; pencabutan disetujui' };
    case 'removal':
      return { removedBy: 'Andi Pratama' };
  }
}

/** Answers every pending decision with its happy payload until the case ends; returns what was decided, in order. */
export async function driveToEnd(h: Harness, handle: WorkflowHandle, override?: (kind: HumanActionKind, state: CaseState) => DecisionPayload<HumanActionKind> | undefined): Promise<{ sopStep: string; kind: string; role: string }[]> {
  const trail: { sopStep: string; kind: string; role: string }[] = [];
  for (let i = 0; i < 60; i += 1) {
    const state = await waitForPendingOrEnd(h, handle);
    if (state.status !== 'inProgress') return trail;
    const step = state.currentStep!;
    const pending = step.pending!;
    const kind = pending.kind as HumanActionKind;
    trail.push({ sopStep: step.sopStep, kind, role: pending.by });
    await h.env.sleep('5 minutes');
    await h.decide(handle, kind, pending.by, override?.(kind, state) ?? happyPayload(kind, state));
  }
  throw new Error('case did not end within 60 decisions');
}

export async function waitForPendingOrEnd(h: Harness, handle: WorkflowHandle): Promise<CaseState> {
  for (let i = 0; i < 200; i += 1) {
    // Until the first workflow task completes, the query handler does not exist yet.
    const state = await h.state(handle).catch(() => undefined);
    if (!state) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    if (state.status !== 'inProgress' || state.currentStep?.pending) return state;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('case neither waits for a decision nor ended');
}

/** Answers pending decisions with happy payloads until `stop` says the case is where the test wants it. */
export async function driveUntil(h: Harness, handle: WorkflowHandle, stop: (state: CaseState) => boolean): Promise<CaseState> {
  for (let i = 0; i < 60; i += 1) {
    const state = await waitForPendingOrEnd(h, handle);
    if (stop(state) || state.status !== 'inProgress') return state;
    const pending = state.currentStep!.pending!;
    await h.decide(handle, pending.kind as HumanActionKind, pending.by, happyPayload(pending.kind as HumanActionKind, state));
  }
  throw new Error('case did not reach the wanted point within 60 decisions');
}

/** Polls until `check` passes (workflow and activities run after a time skip returns). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export const pendingKind = (state: CaseState): string | undefined => state.currentStep?.pending?.kind;
