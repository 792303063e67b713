// Proves the real stack: a workflow started on the Temporal dev server runs an activity that writes
// and reads a document on FerretDB and sends an email that MailDev receives; the API's health
// endpoint reports each service.
import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { calendarCoverage } from '../../activities/calendarCoverage';
import { recordCutiBersama } from '../../activities/calendarStore';
import { createSmtpMailer, Mailer } from '../../activities/mailer';
import { createApp } from '../../api/app';
import { SmokeCheck } from '../../shared/db/smokeCheck';
import { smokeTestWorkflow } from '../../workflows/smokeTest';
import { DevServerWorker, startDevServerWorker } from '../support/devServerWorker';
import { waitForEmails } from '../support/mailbox';

let w: DevServerWorker;
beforeAll(async () => {
  w = await startDevServerWorker('kolokasi_stack_test');
});
afterAll(() => w?.close());

test('a workflow on the dev server writes to FerretDB and its email arrives at the SMTP server', async () => {
  const id = randomUUID();
  const note = `catatan ${id}`;
  const result = await w.client.workflow.execute(smokeTestWorkflow, {
    taskQueue: w.taskQueue,
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
    const server: Server = createApp({ temporal: w.client, mailer: deps.mailer, taskQueue: w.taskQueue, profileId: 'cirebon' }).listen(0);
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
    // A year without recorded cuti bersama would degrade health (see calendar.test.ts); here only services count.
    for (const year of (await calendarCoverage('cirebon', Date.now())).missing) await recordCutiBersama(year, { decree: 'uji', dates: [], by: 'test' });
    const { status, body } = await getHealth({ mailer: w.mailer });
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
