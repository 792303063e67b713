// Several workers each run an outbox dispatcher over the same outbox. FerretDB does not make a
// conditional update atomic, so without the claim (a unique-_id insert) two dispatchers would both
// see an email pending and both send it. Here three dispatchers race over the same emails, against
// the real FerretDB and MailDev: each email arrives exactly once. An email whose server never
// answers is given up after its time rather than tried forever. And an email its writer held for
// itself (sent from memory, with no claim) but never sent is sent by another once its lease passed.
import { randomUUID } from 'node:crypto';
import { createSmtpMailer, Mailer } from '../../activities/mailer';
import { messageIdOf } from '../../activities/outbox/deliverEmail';
import { OutboxDispatcher, startOutboxDispatcher } from '../../activities/outbox/dispatcher';
import { enqueueEmail, FastLane, setFastLane } from '../../activities/outbox/enqueue';
import { refusalNoticeKey } from '../../activities/outbox/refusalNotice';
import { freePort } from '../../scripts/stack';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { OutboxEmail } from '../../shared/db/outbox';
import { User } from '../../shared/db/user';
import { listEmails, receivedMessageId } from '../support/mailbox';
import { eventually } from './support/apiHarness';

const EMAILS = 30;
const DISPATCHERS = 3;
let mailers: Mailer[] = [];
let dispatchers: OutboxDispatcher[] = [];

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_outbox_dispatchers'));
});
afterAll(async () => {
  await stopDispatchers();
  await disconnectMongo();
});

async function stopDispatchers(): Promise<void> {
  await Promise.all(dispatchers.map((d) => d.stop()));
  mailers.forEach((m) => m.close());
  dispatchers = [];
  mailers = [];
}

test(`${DISPATCHERS} dispatchers over one outbox send each of ${EMAILS} emails exactly once`, async () => {
  const run = randomUUID().slice(0, 8);
  const requestNumber = `TST-2026-${run}`;
  for (let i = 0; i < EMAILS; i++) {
    await enqueueEmail({ key: `${requestNumber}/email-${i}`, requestNumber, template: 'test', to: [`penerima${i}@opd.example.go.id`], cc: [], subject: `[${run}] surel ${i}`, text: 'isi' });
  }
  const started = Date.now();
  mailers = Array.from({ length: DISPATCHERS }, () => createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>'));
  dispatchers = mailers.map((mailer) => startOutboxDispatcher({ mailer, log: () => undefined }));

  const rows = await eventually(() => OutboxEmail.find({ requestNumber }).lean(), (r) => r.length === EMAILS && r.every((e) => e.status === 'sent'), 'every email to be sent', 60_000);
  const tookMs = Date.now() - started;
  // Long enough for a late duplicate to arrive, if there were one.
  await new Promise((r) => setTimeout(r, 2_000));
  const received = (await listEmails()).filter((e) => e.subject.startsWith(`[${run}]`));
  const copies = new Map<string, number>();
  for (const e of received) copies.set(receivedMessageId(e), (copies.get(receivedMessageId(e)) ?? 0) + 1);
  expect(copies).toEqual(new Map(rows.map((r) => [messageIdOf(r._id).replace(/^<|>$/g, ''), 1])));
  await stopDispatchers();
  console.log(`[outbox dispatchers] ${DISPATCHERS} dispatchers delivered ${EMAILS} emails in ${tookMs} ms; ${received.length} received, each once`);
});

test('an email whose server stays unreachable is given up as failed after its time, staff are told, and retries stop', async () => {
  await User.updateOne({ _id: 'dispatchers-dcStaff' }, { $setOnInsert: { name: 'Petugas DC', email: 'dcstaff@kominfo.test', role: 'dcStaff', tokenHash: `hash-${randomUUID()}`, active: true, createdAt: new Date() } }, { upsert: true });
  const requestNumber = `TST-2026-${randomUUID().slice(0, 8)}`;
  const key = `${requestNumber}/email-1-submitted`;
  await enqueueEmail({ key, requestNumber, template: 'submitted', to: ['dinkes@opd.example.go.id'], cc: [], subject: `[${requestNumber}] Permohonan diterima`, text: 'isi' });
  // Nothing listens on this port: every attempt is refused by the network, a transient failure.
  const deadMailer = createSmtpMailer(`smtp://127.0.0.1:${await freePort()}`, 'Kolokasi <kolokasi@test.local>');
  const dispatcher = startOutboxDispatcher({ mailer: deadMailer, log: () => undefined, initialBackoffMs: 100, maxBackoffMs: 400, giveUpAfterMs: 2_000 });
  try {
    const failed = await eventually(() => OutboxEmail.findById(key).lean(), (r) => r?.status === 'failed', 'the email to be given up', 30_000);
    expect(failed!.lastError).toMatch(/ECONNREFUSED/);
    expect(failed!.attempts).toBeGreaterThan(1);
    // The notice goes out through the same dead server, so it fails in its turn, and is not noticed again.
    const notice = await eventually(() => OutboxEmail.findById(refusalNoticeKey(key)).lean(), (r) => r?.status === 'failed', 'the notice to be given up too', 30_000);
    expect(notice).toMatchObject({ to: ['dcstaff@kominfo.test'], template: 'deliveryRefused' });
    expect(notice!.text).toContain('ECONNREFUSED');
    const attemptsThen = failed!.attempts;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await OutboxEmail.findById(key).lean())!.attempts).toBe(attemptsThen);
    expect(await OutboxEmail.countDocuments({ requestNumber })).toBe(2);
    console.log(`[outbox give-up] unreachable server: email failed after ${attemptsThen} attempts, notice queued to staff (and given up in its turn), no notice of the notice`);
  } finally {
    await dispatcher.stop();
    deadMailer.close();
  }
});

test('an email its writing process never sent (it died) is sent by another dispatcher once the lease has passed, and once', async () => {
  const requestNumber = `TST-2026-${randomUUID().slice(0, 8)}`;
  const key = `${requestNumber}/email-1-submitted`;
  // The writing process's dispatcher takes the email from memory, then the process is gone.
  const lost: string[] = [];
  const deadLane: FastLane = { leaseMs: 1_500, take: (rows) => lost.push(...rows.map((r) => r._id)) };
  setFastLane(deadLane);
  await enqueueEmail({ key, requestNumber, template: 'submitted', to: ['dinkes@opd.example.go.id'], cc: [], subject: `[${requestNumber}] Permohonan diterima`, text: 'isi' });
  setFastLane(undefined, deadLane);
  expect(lost).toEqual([key]);

  const mailer = createSmtpMailer(process.env.SMTP_URL!, 'Kolokasi <kolokasi@test.local>');
  const other = startOutboxDispatcher({ mailer, log: () => undefined, pollMs: 200 });
  try {
    await new Promise((r) => setTimeout(r, 500));
    expect((await OutboxEmail.findById(key).lean())!.status).toBe('pending');
    const sent = await eventually(() => OutboxEmail.findById(key).lean(), (r) => r?.status === 'sent', 'the email to be sent by the other dispatcher', 15_000);
    expect(sent!.sentAt!.getTime() - sent!.createdAt.getTime()).toBeGreaterThanOrEqual(1_500);
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await listEmails()).filter((e) => e.subject === `[${requestNumber}] Permohonan diterima`)).toHaveLength(1);
  } finally {
    await other.stop();
    mailer.close();
  }
});
