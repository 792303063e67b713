// Fault test: the SMTP server (a MailDev of this test's own) is stopped while a case is decided.
// Every decision still answers at once, since a case only writes its emails into the outbox; once
// the server is back, the outbox dispatcher delivers each email, exactly once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageIdOf } from '../../activities/outbox/deliverEmail';
import { freePort, Service, startMailDev } from '../../scripts/stack';
import { OutboxEmail } from '../../shared/db/outbox';
import { aSubmission } from '../fixtures/submission';
import { listEmails, receivedMessageId } from '../support/mailbox';
import { ApiHarness, eventually, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

let h: ApiHarness;
let mailDev: Service;
let startMail: () => Promise<Service>;
let mailApi: string;

beforeAll(async () => {
  const [smtpPort, webPort] = await Promise.all([freePort(), freePort()]);
  const dir = mkdtempSync(join(tmpdir(), 'kolokasi-mail-outage-'));
  // A mail directory keeps what arrived before the outage across the restart.
  startMail = () => startMailDev({ smtpPort, webPort, mailDir: join(dir, 'mail'), logDir: process.env.KOLOKASI_TEST_LOG_DIR ?? dir });
  mailApi = `http://127.0.0.1:${webPort}`;
  mailDev = await startMail();
  h = await startApiHarness('kolokasi_mail_outage', { smtpUrl: `smtp://127.0.0.1:${smtpPort}` });
});
afterAll(async () => {
  await h?.close();
  await mailDev?.stop();
});

async function outboxOf(no: string) {
  return OutboxEmail.find({ requestNumber: no }).sort({ createdAt: 1 }).lean();
}

test('with the SMTP server down, decisions answer at once; once it is back each email arrives exactly once', async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  await eventually(() => outboxOf(no), (rows) => rows.length > 0 && rows.every((r) => r.status === 'sent'), 'the first emails to be sent');

  await mailDev.stop();

  const decisions: [string, string, string, unknown][] = [
    ['kabid', 'disposition', 'disposition', { note: 'Diteruskan ke Seksi Infrastruktur' }],
    ['kasi', 'disposition', 'disposition', { note: 'Untuk Tim Personil DC' }],
    ['dcStaff', 'capacityCheck', 'capacity-check', { outcome: 'confirm' }],
    ['applicant', 'applicationForm', 'application-form', {}],
    ['kabid', 'approval', 'approval', { decision: 'approve', consideration: 'Kapasitas tersedia', form: { serialNumber: 'SN-OUT-1', typeAndBrand: 'Dell PowerEdge R650', hostAdminUser: 'admin-simpus', contactPerson: 'Siti 0812-1111-2222' } }],
  ];
  const latencies: number[] = [];
  for (const [role, kind, path, body] of decisions) {
    await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === kind, `${no} to wait for ${kind}`);
    const started = Date.now();
    const answer = await h.as(role as never)('POST', `/requests/${no}/decisions/${path}`, { body });
    latencies.push(Date.now() - started);
    expect({ decision: path, status: answer.status, error: answer.body.error }).toEqual({ decision: path, status: 200, error: undefined });
  }
  const waiting = await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === 'deviceDelivery', `${no} to wait for the device`);
  expect(waiting.body.status).toBe('inProgress');

  // The dispatcher tried during the outage, failed and backs off; nothing is lost.
  const duringOutage = await eventually(() => outboxOf(no), (rows) => rows.some((r) => r.status === 'pending' && (r.attempts ?? 0) >= 1), 'a failed attempt during the outage');
  const pendingDuringOutage = duringOutage.filter((r) => r.status === 'pending');
  expect(pendingDuringOutage.find((r) => r.lastError)?.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);

  const restartedAt = Date.now();
  mailDev = await startMail();
  const settled = await eventually(() => outboxOf(no), (rows) => rows.every((r) => r.status === 'sent'), 'every email to be sent after the restart', 180_000);
  const deliveredAfterMs = Date.now() - restartedAt;

  const received = (await listEmails(`${mailApi}/api`)).filter((e) => e.subject.startsWith(`[${no}]`));
  const copies = new Map<string, number>();
  for (const e of received) copies.set(receivedMessageId(e), (copies.get(receivedMessageId(e)) ?? 0) + 1);
  const expected = new Map(settled.map((r) => [messageIdOf(r._id).replace(/^<|>$/g, ''), 1]));
  expect(copies).toEqual(expected);

  const attempts = settled.map((r) => r.attempts ?? 0);
  console.log(
    `[mail outage] ${latencies.length} decisions with SMTP down answered 200 in ${latencies.join('/')} ms (max ${Math.max(...latencies)} ms); ` +
      `${pendingDuringOutage.length} emails waited; all ${settled.length} delivered ${deliveredAfterMs} ms after the restart, each once ` +
      `(${received.length} received, up to ${Math.max(...attempts)} attempts per email)`,
  );
});
