// Proves the real stack: a workflow started on the Temporal dev server runs an activity that writes
// and reads a document on FerretDB and sends an email that MailDev receives; the API's health
// endpoint reports each service.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { createSmtpMailer, Mailer } from '../../activities/mailer';
import { createApp } from '../../api/app';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { SmokeCheck } from '../../shared/db/smokeCheck';
import { createWorker } from '../../worker/createWorker';
import { smokeTestWorkflow } from '../../workflows/smokeTest';
import { waitForEmails } from '../support/mailbox';
import { workflowBundleFromEnv } from '../support/workflowBundle';

const taskQueue = `stack-${randomUUID()}`;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;
let worker: Worker;
let workerRun: Promise<void>;
let mailer: Mailer;

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_stack_test'));
  mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  nativeConnection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
  connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
  worker = await createWorker({ connection: nativeConnection, namespace: 'default', taskQueue, deps: { mailer }, workflowBundle: workflowBundleFromEnv() });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await nativeConnection?.close();
  await connection?.close();
  mailer?.close();
  await disconnectMongo();
});

test('a workflow on the dev server writes to FerretDB and its email arrives at the SMTP server', async () => {
  const id = randomUUID();
  const note = `catatan ${id}`;
  const result = await client.workflow.execute(smokeTestWorkflow, {
    taskQueue,
    workflowId: `smoke-${id}`,
    args: [{ id, note, emailTo: 'operator@kominfo.test' }],
  });

  expect(result).toBe(note);
  expect(await SmokeCheck.findById(id).lean()).toMatchObject({ note, emailedTo: 'operator@kominfo.test' });
  const [email] = await waitForEmails((e) => e.subject === `Uji sistem Kolokasi ${id}`);
  expect(email!.to.map((t) => t.address)).toEqual(['operator@kominfo.test']);
  expect(email!.text).toContain(note);
});

describe('GET /health', () => {
  async function getHealth(deps: { mailer: Mailer }): Promise<{ status: number; body: unknown }> {
    const server: Server = createApp({ temporal: client, mailer: deps.mailer, taskQueue, profileId: 'cirebon' }).listen(0);
    try {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const response = await fetch(`http://127.0.0.1:${port}/health`);
      return { status: response.status, body: await response.json() };
    } finally {
      server.close();
    }
  }

  test('reports Temporal, MongoDB and SMTP reachable', async () => {
    const { status, body } = await getHealth({ mailer });
    expect(status).toBe(200);
    expect(body).toEqual({ status: 'ok', checks: { temporal: { ok: true }, mongodb: { ok: true }, smtp: { ok: true } } });
  });

  test('names the service that is not reachable', async () => {
    const deadMailer = createSmtpMailer('smtp://127.0.0.1:1', 'x@test.local');
    const { status, body } = await getHealth({ mailer: deadMailer });
    deadMailer.close();
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 'degraded', checks: { temporal: { ok: true }, mongodb: { ok: true }, smtp: { ok: false } } });
  });
});
