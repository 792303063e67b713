// A colocation case on the real stack: the Temporal dev server keeps the search attributes and
// memo that admins use in the Web UI current, and FerretDB holds the read model and audit trail.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { seedDemoInventory } from '../../activities/capacityInventory';
import { createSmtpMailer, Mailer } from '../../activities/mailer';
import { AuditEntry } from '../../shared/db/audit';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { OutboxEmail } from '../../shared/db/outbox';
import { RequestRecord } from '../../shared/db/requestRecord';
import { decisionUpdates } from '../../shared/decisions';
import { SA } from '../../shared/searchAttributes';
import { colocationWorkflowId } from '../../shared/workflowInput';
import { createWorker } from '../../worker/createWorker';
import { colocationRequestWorkflow } from '../../workflows/colocationRequest';
import { aSubmission } from '../fixtures/submission';
import { workflowBundleFromEnv } from '../support/workflowBundle';
import { actorFor, eventually } from '../workflow/support/caseHarness';

const taskQueue = `dev-server-${randomUUID()}`;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;
let worker: Worker;
let running: Promise<void>;
let mailer: Mailer;

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_it_case'));
  await seedDemoInventory();
  mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
  worker = await createWorker({ connection: nativeConnection, namespace: 'default', taskQueue, deps: { mailer }, workflowBundle: workflowBundleFromEnv() });
  running = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  mailer?.close();
  await disconnectMongo();
});

test('admins can find the case in the Temporal UI by its search attributes and read its summary', async () => {
  const requestNumber = `CRB-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
  const handle = await client.workflow.start(colocationRequestWorkflow, {
    taskQueue,
    workflowId: colocationWorkflowId(requestNumber),
    args: [{ requestNumber, profileId: 'cirebon', submission: aSubmission(), submittedBy: actorFor('applicant') }],
  });

  await eventually(async () => expect((await RequestRecord.findById(requestNumber).lean())?.waitingForRole).toBe('kabid'));
  await handle.executeUpdate(decisionUpdates.disposition, { args: [{ decisionId: randomUUID(), actor: actorFor('kabid'), payload: { note: 'Teruskan' } }] });

  const description = await eventually(async () => {
    const d = await handle.describe();
    expect(d.typedSearchAttributes.get(SA.currentStep)).toMatch(/^2 /);
    return d;
  });
  expect(d(description, SA.status)).toBe('inProgress');
  expect(d(description, SA.agency)).toBe('Dinas Komunikasi dan Informatika Kabupaten Cirebon');
  expect(d(description, SA.applicantUnit)).toBe('Dinas Kesehatan');
  expect(d(description, SA.requestNumber)).toBe(requestNumber);
  expect(d(description, SA.slaBreached)).toBe(false);
  expect(await description.memo?.summary).toContain(requestNumber);

  const found = await eventually(async () => {
    const ids: string[] = [];
    for await (const wf of client.workflow.list({ query: `KolokasiApplicantUnit = 'Dinas Kesehatan' AND KolokasiStatus = 'inProgress' AND KolokasiRequestNumber = '${requestNumber}'` })) ids.push(wf.workflowId);
    expect(ids).toEqual([colocationWorkflowId(requestNumber)]);
    return ids;
  });
  expect(found).toHaveLength(1);

  const record = await RequestRecord.findById(requestNumber).lean();
  expect(record).toMatchObject({ status: 'inProgress', waitingForRole: 'kasi', profileId: 'cirebon' });
  const audit = await AuditEntry.find({ requestNumber }).sort({ at: 1, _id: 1 }).lean();
  expect(audit.map((a) => a.event)).toEqual(expect.arrayContaining(['submitted', 'stepStarted', 'decision:disposition']));
  const outbox = await OutboxEmail.find({ requestNumber }).lean();
  expect(outbox.map((o) => o.template)).toEqual(expect.arrayContaining(['submitted', 'taskAssigned']));
  await handle.terminate('test finished');
});

function d<T>(description: { typedSearchAttributes: { get(key: unknown): unknown } }, key: { name: string }): T {
  return description.typedSearchAttributes.get(key) as T;
}
