// An address the mail server refuses for good (550): the case goes on to its next step, the refusal
// is recorded in the outbox with the server's answer, data center staff get exactly one notice, and
// the refused email is never tried again. The server is a real SMTP server that refuses that address.
import { messageIdOf } from '../../activities/outbox/deliverEmail';
import { refusalNoticeKey } from '../../activities/outbox/refusalNotice';
import { OutboxEmail } from '../../shared/db/outbox';
import { aSubmission } from '../fixtures/submission';
import { RefusingSmtpServer, startRefusingSmtpServer } from '../support/refusingSmtpServer';
import { ApiHarness, eventually, staffEmail, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

const DB = 'kolokasi_mail_refusal';
const refusedAddress = 'tidak-ada@opd.example.go.id';
let smtp: RefusingSmtpServer;
let h: ApiHarness;

beforeAll(async () => {
  smtp = await startRefusingSmtpServer({ [refusedAddress]: { code: 550, message: '5.1.1 Mailbox tidak ada' } });
  h = await startApiHarness(DB, { smtpUrl: smtp.url });
});
afterAll(async () => {
  await h?.close();
  await smtp?.close();
});

test('an address no mail server would take (a 300-character local part) is refused at the door, and nothing starts', async () => {
  const applicantEmail = `${'a'.repeat(300)}@opd.example.go.id`;
  const answer = await h.as('applicant')('POST', '/requests', { body: { ...aSubmission(), applicantEmail } });
  expect(answer.status).toBe(400);
  expect(answer.body.error).toMatchObject({
    code: 'VALIDATION_FAILED',
    fields: { applicantEmail: 'bagian sebelum @ terlalu panjang (300 karakter); server email menerima paling banyak 64' },
  });
  expect(await OutboxEmail.countDocuments({ to: applicantEmail })).toBe(0);
});

test('a refused applicant address: the case goes on, the refusal is recorded, staff are told once, nothing is retried', async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission({ applicantEmail: refusedAddress }));

  // The case is not held up: the next role decides and the case moves on.
  const byKabid = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' } });
  expect(byKabid.status).toBe(200);
  expect(byKabid.body.case.waitingFor).toMatchObject({ kind: 'disposition', role: 'kasi' });

  const receipt = await eventually(() => OutboxEmail.findOne({ requestNumber: no, template: 'submitted' }).lean(), (r) => r?.status === 'refused', 'the receipt to be refused');
  expect(receipt!.refusals).toEqual([{ address: refusedAddress, response: expect.stringMatching(/^550 .*Mailbox tidak ada/) }]);
  expect(receipt!.attempts).toBe(1);

  const noticeKey = refusalNoticeKey(receipt!._id);
  const noticeRow = await eventually(() => OutboxEmail.findById(noticeKey).lean(), (r) => r?.status === 'sent', 'the notice to staff to be sent');
  expect(noticeRow!.to).toEqual([staffEmail('admin', DB), staffEmail('dcStaff', DB)].sort());
  expect(noticeRow!.subject).toBe(`[${no}] Email tidak terkirim: ${receipt!.subject}`);
  expect(noticeRow!.text).toContain(`- ${refusedAddress}: 550`);

  // Long enough for several retries under the old behaviour (Temporal retried the send every 1, 2, 4 s ...).
  await new Promise((r) => setTimeout(r, 8_000));
  const notices = smtp.received.filter((m) => m.messageId === messageIdOf(noticeKey));
  expect(notices).toHaveLength(1);
  expect(notices[0]!.recipients.sort()).toEqual(noticeRow!.to);
  const toApplicant = await OutboxEmail.find({ requestNumber: no, $or: [{ to: refusedAddress }, { cc: refusedAddress }] }).lean();
  expect(toApplicant.map((r) => r.status)).toEqual(toApplicant.map(() => 'refused'));
  expect(smtp.refusedAttempts).toHaveLength(toApplicant.length);
  expect(smtp.received.filter((m) => m.recipients.includes(refusedAddress))).toEqual([]);
  expect((await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Untuk Tim Personil DC' } })).status).toBe(200);

  console.log(
    `[mail refusal] ${refusedAddress} refused with "${receipt!.refusals[0]!.response}": case went on; ` +
      `${toApplicant.length} email(s) to it refused after 1 attempt each (${smtp.refusedAttempts.length} RCPT refusals in all); ${notices.length} notice to ${noticeRow!.to.join(', ')}`,
  );
});
