// Several workers each run an outbox dispatcher over the same outbox. FerretDB does not make a
// conditional update atomic, so without the claim (a unique-_id insert) two dispatchers would both
// see an email pending and both send it. Here three dispatchers race over the same emails, against
// the real FerretDB and MailDev: each email arrives exactly once.
import { randomUUID } from 'node:crypto';
import { createSmtpMailer, Mailer } from '../../activities/mailer';
import { messageIdOf, OutboxDispatcher, startOutboxDispatcher } from '../../activities/outbox/dispatcher';
import { enqueueEmail } from '../../activities/outbox/enqueue';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { OutboxEmail } from '../../shared/db/outbox';
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
  await Promise.all(dispatchers.map((d) => d.stop()));
  mailers.forEach((m) => m.close());
  await disconnectMongo();
});

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
  console.log(`[outbox dispatchers] ${DISPATCHERS} dispatchers delivered ${EMAILS} emails in ${tookMs} ms; ${received.length} received, each once`);
});
