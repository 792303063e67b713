// The yearly register review over HTTP on the real stack (Temporal dev server, FerretDB, MailDev):
// an admin opens this year's review, staff work through their inbox — one server confirmed, one
// corrected, one missing — and read the report; the agency's Schedule is created idempotently and,
// fired, does not open a finished year again.
import { PlacementWithdrawalRequest } from '../../activities/registerReview';
import { Asset } from '../../shared/db/asset';
import { registerReviewScheduleId } from '../../shared/contracts/registerReview';
import { getProfile } from '../../shared/profile/registry';
import { ensureReviewSchedule } from '../../worker/reviewSchedules';
import { seedAsset } from '../fixtures/asset';
import { listEmails } from '../support/mailbox';
import { ApiHarness, eventually, staffEmail, startApiHarness } from './support/apiHarness';

const DB = 'kolokasi_review_api';
const withdrawals: PlacementWithdrawalRequest[] = [];
let h: ApiHarness;
let ids: { simpus: string; sipd: string; ppdb: string };

beforeAll(async () => {
  h = await startApiHarness(DB, { profileId: 'cirebon', workerDeps: { registerReview: { requestPlacementWithdrawal: async (input) => void withdrawals.push(input) } } });
  ids = {
    simpus: await seedAsset({ unitName: 'Dinas Kesehatan', domain: 'simpus.cirebonkab.go.id', serverName: 'srv-simpus', rackId: 'R01', rackUnits: 'U10-U11', ipAddress: '10.30.0.11', serialNumber: 'SN-A-001' }, 'CRB'),
    sipd: await seedAsset({ unitName: 'Bappelitbangda', domain: 'sipd.cirebonkab.go.id', serverName: 'srv-sipd', rackId: 'R01', rackUnits: 'U12-U13', ipAddress: '10.30.0.12', serialNumber: 'SN-B-002' }, 'CRB'),
    ppdb: await seedAsset({ unitName: 'Dinas Pendidikan', domain: 'ppdb.cirebonkab.go.id', serverName: 'srv-ppdb', rackId: 'R02', rackUnits: 'U01-U02', ipAddress: '10.30.0.13', serialNumber: 'SN-C-003' }, 'CRB'),
  };
});
afterAll(async () => {
  await h?.client.schedule.getHandle(registerReviewScheduleId('cirebon')).delete().catch(() => undefined);
  await h?.close();
});

const task = (reviewId: string, assetId: string, action: string) => `/reviews/${reviewId}/tasks/${encodeURIComponent(assetId)}/${action}`;

test('an admin opens the review, staff confirm, correct and report missing, and the report is read back', async () => {
  const admin = h.as('admin');
  const staff = h.as('dcStaff');
  expect((await h.as('applicant')('GET', '/reviews')).status).toBe(403);
  expect((await staff('POST', '/reviews')).status).toBe(403);

  const opened = await admin('POST', '/reviews');
  expect(opened.status).toBe(201);
  const reviewId: string = opened.body.review.reviewId;
  const year = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
  expect(reviewId).toBe(`register-review-cirebon-${year}`);
  expect(opened.body).toMatchObject({ joined: false, review: { status: 'open', performer: 'dcStaff', escalateTo: 'kabid', counts: { total: 3, open: 3 } } });
  // Opening again joins the running review.
  expect(await admin('POST', '/reviews')).toMatchObject({ status: 200, body: { joined: true, review: { reviewId } } });

  const inbox = await staff('GET', '/reviews/tasks');
  expect(inbox.status).toBe(200);
  expect(inbox.body.total).toBe(3);
  const sipdTask = inbox.body.items.find((t: { assetId: string }) => t.assetId === ids.sipd);
  expect(sipdTask).toMatchObject({ rackId: 'R01', rackUnits: 'U12-U13', ipAddress: '10.30.0.12', serialNumber: 'SN-B-002', unitName: 'Bappelitbangda', state: 'open', overdue: false });
  expect(sipdTask.actions.map((a: { href: string }) => a.href)).toContain(task(reviewId, ids.sipd, 'correct'));
  expect((await h.as('kabid')('GET', '/reviews/tasks')).body.total).toBe(0);

  // Only the reviewers answer; the Kabid is told whose task it is.
  const byKabid = await h.as('kabid')('POST', task(reviewId, ids.simpus, 'confirm'), { body: {} });
  expect(byKabid).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });

  const key = { 'Idempotency-Key': `confirm-${reviewId}-simpus` };
  const confirmed = await staff('POST', task(reviewId, ids.simpus, 'confirm'), { body: { note: 'Masih beroperasi' }, headers: key });
  expect(confirmed).toMatchObject({ status: 200, body: { duplicate: false, task: { state: 'confirmed', note: 'Masih beroperasi' }, counts: { confirmed: 1, open: 2 } } });
  const resent = await staff('POST', task(reviewId, ids.simpus, 'confirm'), { body: { note: 'Masih beroperasi' }, headers: key });
  expect(resent).toMatchObject({ status: 200, body: { duplicate: true, decisionId: confirmed.body.decisionId } });
  expect(await staff('POST', task(reviewId, ids.simpus, 'confirm'), { body: {} })).toMatchObject({ status: 409, body: { error: { code: 'OUT_OF_TURN' } } });

  const noReason = await staff('POST', task(reviewId, ids.sipd, 'correct'), { body: { changes: { ipAddress: '10.30.0.42' } } });
  expect(noReason).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', fields: { reason: expect.any(String) } } } });
  const noChange = await staff('POST', task(reviewId, ids.sipd, 'correct'), { body: { changes: {}, reason: 'Data berubah saat penataan' } });
  expect(noChange.status).toBe(400);
  const corrected = await staff('POST', task(reviewId, ids.sipd, 'correct'), { body: { changes: { ipAddress: '10.30.0.42', rackUnits: 'U20-U21' }, reason: 'Server dipindah saat penataan rak' } });
  expect(corrected).toMatchObject({ status: 200, body: { task: { state: 'corrected', changes: { ipAddress: { from: '10.30.0.12', to: '10.30.0.42' } } } } });
  const missing = await staff('POST', task(reviewId, ids.ppdb, 'missing'), { body: { reason: 'Server tidak ada di rak R02' } });
  expect(missing).toMatchObject({ status: 200, body: { task: { state: 'missing' }, counts: { open: 0, confirmed: 1, corrected: 1, missing: 1 } } });

  // The report, once the review has ended.
  const done = await eventually(() => staff('GET', `/reviews/${reviewId}`), (r) => r.body.status === 'completed', 'the review to end');
  expect(done.body).toMatchObject({ counts: { total: 3, open: 0, confirmed: 1, corrected: 1, missing: 1 }, report: { counts: { confirmed: 1, corrected: 1, missing: 1 } } });
  expect(done.body.report.missing.map((i: { assetId: string }) => i.assetId)).toEqual([ids.ppdb]);
  expect(done.body.tasks.find((t: { assetId: string }) => t.assetId === ids.ppdb).withdrawalRequestedAt).toEqual(expect.any(String));
  expect(withdrawals.map((w) => [w.assetId, w.reason, w.requestedBy.role])).toEqual([[ids.ppdb, 'Server tidak ada di rak R02', 'dcStaff']]);
  const list = await staff('GET', '/reviews');
  expect(list.body.items).toEqual([expect.objectContaining({ reviewId, status: 'completed', counts: expect.objectContaining({ total: 3 }) })]);

  // The register as a person reads it.
  const assets = (await staff('GET', '/assets?pageSize=100')).body.items as { id: string; ipAddress: string; rackUnits: string; nextReviewDue: string }[];
  expect(assets.find((a) => a.id === ids.sipd)).toMatchObject({ ipAddress: '10.30.0.42', rackUnits: 'U20-U21', nextReviewDue: `${year + 1}-01-15T02:00:00.000Z` });
  expect((await Asset.findById(ids.ppdb).lean())!.missing).toMatchObject({ reviewId, reason: 'Server tidak ada di rak R02' });
  expect(assets.find((a) => a.id === ids.ppdb)).toMatchObject({ missing: { reviewId, reason: 'Server tidak ada di rak R02', at: expect.any(String) }, lastReviewedAt: expect.stringMatching(/^\d{4}-/) });
  expect(assets.find((a) => a.id === ids.sipd)).toMatchObject({ missing: null, withdrawal: null });

  // Two emails: the opening to the staff, the report to the Kabid with the staff in copy.
  const emails = await eventually(async () => (await listEmails()).filter((e) => e.subject.startsWith(`[${reviewId}]`)), (m) => m.length >= 2, 'the review emails');
  expect(emails.map((e) => [e.subject.replace(`[${reviewId}] `, ''), e.to.map((t) => t.address), (e.cc ?? []).map((t) => t.address)]).sort()).toEqual([
    [`Laporan peninjauan aset register ${year}`, [staffEmail('kabid', DB)], [staffEmail('dcStaff', DB)]],
    [`Peninjauan aset register ${year} dibuka: 3 aset`, [staffEmail('dcStaff', DB)], []],
  ]);

  // A finished year is not opened again, by an admin or by the Schedule.
  expect(await admin('POST', '/reviews')).toMatchObject({ status: 409, body: { error: { code: 'CLOSED' } } });
  const profile = getProfile('cirebon');
  expect(await ensureReviewSchedule(h.client, profile, h.taskQueue)).toBe('created');
  expect(await ensureReviewSchedule(h.client, profile, h.taskQueue)).toBe('updated');
  const schedule = h.client.schedule.getHandle(registerReviewScheduleId('cirebon'));
  const described = await schedule.describe();
  expect(described.spec.timezone).toBe('Asia/Jakarta');
  expect(described.spec.calendars?.[0]).toMatchObject({ month: [{ start: 'JANUARY', end: 'JANUARY', step: 1 }], dayOfMonth: [{ start: 15, end: 15, step: 1 }], hour: [{ start: 9, end: 9, step: 1 }] });
  await schedule.trigger();
  const fired = await eventually(() => schedule.describe(), (d) => d.info.recentActions.length > 0, 'the schedule to fire');
  const opener = h.client.workflow.getHandle(fired.info.recentActions[0]!.action.workflow.workflowId);
  expect(await opener.result()).toEqual({ reviewId, started: false });
});
