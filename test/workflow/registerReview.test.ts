// The yearly register review on the time-skipping test server: three servers, one confirmed, one
// corrected and one found missing, checked the way the data center would check them — the emails
// each person got, the asset register, the report and the withdrawal asked for the missing server;
// an overdue review reminded and escalated; and a review of hundreds of servers that continues as new.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { Asset } from '../../shared/db/asset';
import { AuditEntry } from '../../shared/db/audit';
import { RegisterReview, ReviewTask } from '../../shared/db/registerReview';
import { getProfile } from '../../shared/profile/registry';
import { scheduledOpening } from '../../workflows/registerReview/state';
import { emailsTo, listEmails, ReceivedEmail } from '../support/mailbox';
import { actorFor, eventually } from './support/caseHarness';
import { refusalOf } from './support/expectations';
import { createReviewHarness, openWithAnswer, ReviewHarness, seedAsset, staffEmail } from './support/reviewHarness';

let h: ReviewHarness;
beforeAll(async () => {
  h = await createReviewHarness('kolokasi_wf_review');
});
afterAll(() => h?.close());
beforeEach(() => Asset.deleteMany({}));

/** Emails about one review, by subject prefix; these years are the tests' own, so nothing else sends them. */
async function reviewEmails(reviewId: string): Promise<ReceivedEmail[]> {
  return (await listEmails()).filter((e) => e.subject.startsWith(`[${reviewId}]`));
}
const addresses = (list?: { address: string }[]) => (list ?? []).map((r) => r.address).sort();

test('one server confirmed, one corrected and one missing: register, report, emails and the withdrawal asked for', async () => {
  const simpus = await seedAsset({ unitName: 'Dinas Kesehatan', domain: 'simpus.kaltimprov.go.id', serverName: 'srv-simpus', rackId: 'R01', rackUnits: 'U10-U11', ipAddress: '10.20.0.11', serialNumber: 'SN-A-001' });
  const sipd = await seedAsset({ unitName: 'Bappeda', domain: 'sipd.kaltimprov.go.id', serverName: 'srv-sipd', rackId: 'R01', rackUnits: 'U12-U13', ipAddress: '10.20.0.12', serialNumber: 'SN-B-002' });
  const lama = await seedAsset({ unitName: 'Dinas Pendidikan', domain: 'ppdb.kaltimprov.go.id', serverName: 'srv-ppdb', rackId: 'R02', rackUnits: 'U01-U02', ipAddress: '10.20.0.13', serialNumber: 'SN-C-003' });

  const handle = await h.open('kaltim', 2040);
  const reviewId = handle.workflowId;
  expect(reviewId).toBe('register-review-kaltim-2040');
  const opened = await eventually(async () => {
    const view = await h.view(handle);
    expect(view.counts).toEqual({ total: 3, open: 3, confirmed: 0, corrected: 0, missing: 0 });
    return view;
  });
  // Each task shows the record as it stands, with the contact and the deadline.
  const tasks = await ReviewTask.find({ reviewId }).sort({ assetId: 1 }).lean();
  expect(tasks.map((t) => [t.assetId, t.rackId, t.ipAddress, t.serialNumber, t.unitName, t.state])).toEqual([
    [simpus, 'R01', '10.20.0.11', 'SN-A-001', 'Dinas Kesehatan', 'open'],
    [sipd, 'R01', '10.20.0.12', 'SN-B-002', 'Bappeda', 'open'],
    [lama, 'R02', '10.20.0.13', 'SN-C-003', 'Dinas Pendidikan', 'open'],
  ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  expect(tasks[0]!.deadline.toISOString()).toBe(opened.deadline);

  // Only the reviewers' role answers, and only once per server.
  const wrongRole = await h.answer(handle, { assetId: simpus, outcome: 'confirmed', actor: actorFor('kabid') }).catch((e: unknown) => e);
  expect(wrongRole).toBeInstanceOf(WorkflowUpdateFailedError);

  await h.env.sleep('2 hours');
  const confirmed = await h.answer(handle, { assetId: simpus, outcome: 'confirmed', note: 'Masih beroperasi' });
  expect(confirmed).toMatchObject({ duplicate: false, state: 'confirmed' });
  const again = await h.answer(handle, { assetId: simpus, outcome: 'confirmed', decisionId: 'resend-test' }).catch((e: unknown) => e);
  expect(again).toBeInstanceOf(WorkflowUpdateFailedError);

  await h.answer(handle, { assetId: sipd, outcome: 'corrected', changes: { rackUnits: 'U14-U15', ipAddress: '10.20.0.42', contactName: 'Rina Wulandari' }, reason: 'Server dipindah ke U14 saat penataan rak' });
  await h.answer(handle, { assetId: lama, outcome: 'missing', reason: 'Server tidak ada di rak R02; unit sudah pindah ke PDN' });
  const result = await handle.result();
  expect(result).toMatchObject({ status: 'completed', counts: { total: 3, open: 0, confirmed: 1, corrected: 1, missing: 1 } });

  // The register: the correction written, the missing server flagged (still active until withdrawn), every one stamped.
  const nextDue = scheduledOpening(getProfile('kaltim').registerReview!, 2041, 'WITA');
  expect(nextDue).toBe('2041-01-15T01:00:00.000Z');
  const assets = new Map((await Asset.find({}).lean()).map((a) => [a._id, a]));
  expect(assets.get(sipd)).toMatchObject({ rackUnits: 'U14-U15', ipAddress: '10.20.0.42', contactName: 'Rina Wulandari', rackId: 'R01', serialNumber: 'SN-B-002' });
  expect(assets.get(lama)).toMatchObject({ status: 'active', missing: { reviewId, reason: 'Server tidak ada di rak R02; unit sudah pindah ke PDN' } });
  expect(assets.get(simpus)!.missing).toBeUndefined();
  for (const id of [simpus, sipd, lama]) {
    expect(assets.get(id)!.nextReviewDue.toISOString()).toBe(nextDue);
    expect(assets.get(id)!.lastReviewedAt.getTime()).toBeGreaterThan(Date.parse(opened.openedAt));
  }
  // The correction is in the trail of the request the server came with, from what to what and why.
  const audit = await AuditEntry.findById(`${reviewId}/${sipd}/corrected`).lean();
  expect(audit).toMatchObject({ requestNumber: sipd.split('/')[0], event: 'registerReview:corrected', actor: { role: 'dcStaff' } });
  expect(audit!.details).toMatchObject({ changes: { ipAddress: { from: '10.20.0.12', to: '10.20.0.42' }, rackUnits: { from: 'U12-U13', to: 'U14-U15' } }, reason: 'Server dipindah ke U14 saat penataan rak' });

  // The missing server's withdrawal was asked for, once, by the reviewer, with the reason.
  expect(h.withdrawals).toEqual([{ assetId: lama, reason: 'Server tidak ada di rak R02; unit sudah pindah ke PDN', requestedBy: actorFor('dcStaff') }]);
  expect((await ReviewTask.findById(`${reviewId}/${lama}`).lean())!.withdrawalRequestedAt).toBeInstanceOf(Date);

  // The report, stored with the review.
  const stored = await RegisterReview.findById(reviewId).lean();
  expect(stored).toMatchObject({ status: 'completed', year: 2040, profileId: 'kaltim', counts: { total: 3, confirmed: 1, corrected: 1, missing: 1, open: 0 } });
  const report = stored!.report as { confirmed: { assetId: string }[]; corrected: { assetId: string }[]; missing: { assetId: string; reason: string }[] };
  expect([report.confirmed.map((i) => i.assetId), report.corrected.map((i) => i.assetId), report.missing.map((i) => i.assetId)]).toEqual([[simpus], [sipd], [lama]]);

  // Exactly two emails: the opening to the reviewers, the report to the Kabid with the reviewers in copy.
  const emails = await eventually(async () => {
    const mine = await reviewEmails(reviewId);
    expect(mine).toHaveLength(2);
    return mine;
  });
  const openedEmail = emails.find((e) => e.subject.includes('dibuka'))!;
  expect(openedEmail.subject).toBe(`[${reviewId}] Peninjauan aset register 2040 dibuka: 3 aset`);
  expect(addresses(openedEmail.to)).toEqual([staffEmail('dcStaff')]);
  const reportEmail = emails.find((e) => e.subject.includes('Laporan'))!;
  expect(reportEmail.subject).toBe(`[${reviewId}] Laporan peninjauan aset register 2040`);
  expect(addresses(reportEmail.to)).toEqual([staffEmail('kabid')]);
  expect(addresses(reportEmail.cc)).toEqual([staffEmail('dcStaff')]);
  expect(reportEmail.text).toContain('dikonfirmasi: 1; dikoreksi: 1; tidak ditemukan: 1');
  expect(reportEmail.text).toContain('ipAddress "10.20.0.12" menjadi "10.20.0.42"');
  expect(reportEmail.text).toContain('srv-ppdb (Dinas Pendidikan, ppdb.kaltimprov.go.id)');
});

test('an overdue review is reminded at its deadline and escalated a working day later, once each', async () => {
  const a = await seedAsset({ unitName: 'Dinas Kesehatan', domain: 'sik.kaltimprov.go.id', serverName: 'srv-sik', rackId: 'R03', rackUnits: 'U01-U02', ipAddress: '10.20.1.1', serialNumber: 'SN-D-004' });
  const b = await seedAsset({ unitName: 'BPKAD', domain: 'simda.kaltimprov.go.id', serverName: 'srv-simda', rackId: 'R03', rackUnits: 'U03-U04', ipAddress: '10.20.1.2', serialNumber: 'SN-E-005' });
  const handle = await h.open('kaltim', 2041);
  const reviewId = handle.workflowId;
  const view = await eventually(async () => {
    const v = await h.view(handle);
    expect(v.counts.total).toBe(2);
    return v;
  });
  await h.answer(handle, { assetId: a, outcome: 'confirmed' });

  await h.env.sleep(Date.parse(view.deadline) - (await h.env.currentTimeMs()) + 60_000);
  const reminded = await eventually(async () => {
    const v = await h.view(handle);
    expect(v.remindedAt).toBeDefined();
    expect(v.escalatedAt).toBeUndefined();
    return v;
  });
  // A working day (Kaltim: 07.30–16.00 WITA) later at most a weekend and a holiday away: four days cover it.
  await h.env.sleep('4 days');
  await eventually(async () => expect((await h.view(handle)).escalatedAt).toBeDefined());
  await h.answer(handle, { assetId: b, outcome: 'confirmed' });
  await handle.result();
  expect(Date.parse(reminded.remindedAt!)).toBeGreaterThanOrEqual(Date.parse(view.deadline));

  const emails = await eventually(async () => {
    const mine = await reviewEmails(reviewId);
    expect(mine).toHaveLength(4);
    return mine;
  });
  const bySubject = (part: string) => emails.filter((e) => e.subject.includes(part));
  expect(bySubject('Pengingat')).toHaveLength(1);
  expect(addresses(bySubject('Pengingat')[0]!.to)).toEqual([staffEmail('dcStaff')]);
  expect(bySubject('Pengingat')[0]!.text).toContain('Aset yang belum ditinjau: 1.');
  expect(bySubject('Eskalasi')).toHaveLength(1);
  expect(addresses(bySubject('Eskalasi')[0]!.to)).toEqual([staffEmail('kabid')]);
  expect(bySubject('Eskalasi')[0]!.text).toContain('tanggung jawab Pengelola & Pemeriksa TIK');
  const stored = await RegisterReview.findById(reviewId).lean();
  expect(stored!.remindedAt).toBeInstanceOf(Date);
  expect(stored!.escalatedAt).toBeInstanceOf(Date);
  expect(emailsTo(emails, staffEmail('kabid')).map((e) => e.subject.replace(`[${reviewId}] `, '')).sort()).toEqual(['Eskalasi: peninjauan aset register 2041 belum diselesaikan', 'Laporan peninjauan aset register 2041']);
});

test('a review of 150 servers continues as new and still ends with every answer in its report', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 150; i += 1) {
    ids.push(await seedAsset({ unitName: `Unit ${i % 7}`, domain: `app${i}.kaltimprov.go.id`, serverName: `srv-${String(i).padStart(3, '0')}`, rackId: `R${10 + (i % 5)}`, rackUnits: 'U01-U02', ipAddress: `10.21.${Math.floor(i / 200)}.${(i % 200) + 1}`, serialNumber: `SN-${i}` }));
  }
  const handle = await h.open('kaltim', 2042, 300);
  await eventually(async () => expect((await h.view(handle)).counts.total).toBe(150));
  for (const id of ids) await h.answer(handle, { assetId: id, outcome: 'confirmed' });
  const result = await handle.result();
  expect(result.counts).toEqual({ total: 150, open: 0, confirmed: 150, corrected: 0, missing: 0 });
  const description = await handle.describe();
  expect(description.runId).not.toBe(handle.firstExecutionRunId);
  expect((await RegisterReview.findById(handle.workflowId).lean())!.counts).toMatchObject({ total: 150, confirmed: 150 });
  // One opening email for the whole review, not one per run.
  await eventually(async () => expect((await reviewEmails(handle.workflowId)).filter((e) => e.subject.includes('dibuka'))).toHaveLength(1));
});

// An answer can reach the review before it is open: sent as it opens, or taken by a worker that has
// just replayed it after a restart. It is checked once the review is open.
test('an answer that reaches the review as it opens is applied once it is open; one by another role is refused', async () => {
  const simpus = await seedAsset({ unitName: 'Dinas Kesehatan', domain: 'simpus.kaltimprov.go.id', serverName: 'srv-simpus', rackId: 'R01', rackUnits: 'U10-U11', ipAddress: '10.20.0.11', serialNumber: 'SN-A-001' });
  const confirmed = await openWithAnswer(h.env.client, h.taskQueue, 'kaltim', 2043, { decisionId: randomUUID(), actor: actorFor('dcStaff'), assetId: simpus, outcome: 'confirmed' });
  expect(await confirmed.result).toMatchObject({ duplicate: false, assetId: simpus, state: 'confirmed' });
  expect((await h.view(confirmed.handle)).counts).toEqual({ total: 1, open: 0, confirmed: 1, corrected: 0, missing: 0 });

  const wrong = await openWithAnswer(h.env.client, h.taskQueue, 'kaltim', 2044, { decisionId: randomUUID(), actor: actorFor('kabid'), assetId: simpus, outcome: 'confirmed' });
  expect(await refusalOf(wrong.result)).toMatchObject({ code: 'WRONG_ROLE' });
  expect((await h.view(wrong.handle)).counts).toEqual({ total: 1, open: 1, confirmed: 0, corrected: 0, missing: 0 });
});
