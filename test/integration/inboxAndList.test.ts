// Inboxes and the list at volume: 600+ cases waiting for one role are all reachable, page by page,
// with the true total (the inbox used to stop silently at 500); filters, unit scope and order hold;
// and a real case's moves show at once in the inboxes of the roles it passes between.
import type { CaseState } from '../../shared/caseState';
import { RequestRecord } from '../../shared/db/requestRecord';
import { RequestSummaryRecord, requestSummaryFields } from '../../shared/db/requestSummary';
import type { Role } from '../../shared/profile/schema';
import { aColocationRequest, aSubmission } from '../fixtures/submission';
import { ApiHarness, eventually, OTHER_UNIT, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

const UNIT = 'Dinas Kesehatan';
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_inbox_list', { applicantUnit: UNIT });
});
afterAll(() => h?.close());

/** A Cirebon case as the workflow records it while it waits for the Kabid's disposition (row 2). */
function stateWaitingForDisposition(): CaseState {
  const submittedAt = '2026-11-23T02:00:00.000Z';
  const row2 = { sopStep: '2', stepId: '2#1', title: 'Memverifikasi dan mendisposisikan', performer: 'kabid' as const, performerTitle: 'Kepala Bidang Aptika', output: 'Disposisi', standard: { amount: 15, unit: 'menit' as const }, standardWorkingMinutes: 15, startedAt: submittedAt, deadline: '2026-11-23T02:15:00.000Z', pending: { kind: 'disposition' as const, label: 'Disposisi', by: 'kabid' as const, byTitle: 'Kepala Bidang Aptika' } };
  const request = aColocationRequest();
  return {
    requestNumber: 'CRB-2026-000001', workflowId: 'colocation-CRB-2026-000001', profileId: 'cirebon', profileVersion: 1, procedureId: 'colocation', procedureTitle: 'Prosedur Co-Location',
    agency: 'Dinas Komunikasi dan Informatika Kabupaten Cirebon', applicantUnit: request.kind === 'colocation' ? request.form.unitName : '', applicantEmail: request.applicantEmail,
    status: 'inProgress', currentStep: row2, slaBreached: false, submittedAt, revision: 2, submission: request,
    steps: [{ sopStep: '1', stepId: '1#1', title: 'Surat permohonan', performer: 'applicant', performerTitle: 'SKPD', output: 'Surat permohonan', startedAt: submittedAt, completedAt: submittedAt, actualWorkingMinutes: 0 }, row2],
    decisions: [], capacity: {}, applicantWaitMinutes: 0, answers: {},
  };
}

interface Seed {
  count: number;
  role?: Role;
  unit?: string;
  status?: CaseState['status'];
  breached?: boolean;
}

const base = stateWaitingForDisposition();
const hour = 3_600_000;
let seq = 0;
/** Synthetic cases, numbered in a past year so they never meet the harness's real ones. */
function casesOf(seed: Seed): CaseState[] {
  return Array.from({ length: seed.count }, () => {
    seq += 1;
    const requestNumber = `CRB-2019-${String(seq).padStart(5, '0')}`;
    const submittedAt = new Date(Date.UTC(2026, 0, 1) + seq * 60_000).toISOString();
    // Deadlines interleave with submission order; every seventh one is already past.
    const deadline = new Date(Date.now() + (seq % 7 === 0 ? -1 : 1) * ((seq * 7919) % 500) * hour - (seq % 7 === 0 ? hour : 0)).toISOString();
    const open = (seed.status ?? 'inProgress') === 'inProgress';
    const step = open ? { ...base.currentStep!, deadline, pending: { ...base.currentStep!.pending!, by: seed.role ?? 'kabid', byTitle: `Peran ${seed.role ?? 'kabid'}` } } : null;
    return { ...base, requestNumber, workflowId: `colocation-${requestNumber}`, applicantUnit: seed.unit ?? UNIT, status: seed.status ?? 'inProgress', slaBreached: seed.breached ?? false, submittedAt, currentStep: step };
  });
}

/** Writes the cases as the record activity does: the full record and its summary. */
async function seed(states: CaseState[]): Promise<void> {
  await RequestRecord.insertMany(states.map((state) => ({
    _id: state.requestNumber, revision: state.revision, workflowId: state.workflowId, profileId: state.profileId, agency: state.agency, applicantUnit: state.applicantUnit,
    status: state.status, slaBreached: state.slaBreached, submittedAt: new Date(state.submittedAt), updatedAt: new Date(),
    waitingForRole: state.currentStep?.pending?.by ?? null, currentDeadline: state.currentStep?.deadline ? new Date(state.currentStep.deadline) : null, state,
  })));
  await RequestSummaryRecord.insertMany(states.map((state) => requestSummaryFields(state)));
}

async function allPages(call: (page: number) => Promise<{ status: number; body: { total: number; items: { requestNumber: string }[] } }>) {
  const items: { requestNumber: string; todo?: { deadline: string | null; overdue: boolean }; submittedAt: string }[] = [];
  let total = -1;
  for (let page = 1; page <= 50; page += 1) {
    const r = await call(page);
    expect(r.status).toBe(200);
    total = r.body.total;
    if (r.body.items.length === 0) break;
    items.push(...(r.body.items as typeof items));
  }
  return { total, items };
}

const forKabid = casesOf({ count: 620 });
const forKabidOtherUnit = casesOf({ count: 15, unit: OTHER_UNIT });
const forKasi = casesOf({ count: 30, role: 'kasi' });
const forApplicant = casesOf({ count: 5, role: 'applicant' });
const forOtherApplicant = casesOf({ count: 3, role: 'applicant', unit: OTHER_UNIT });
const completed = casesOf({ count: 25, status: 'completed' });
const breached = casesOf({ count: 4, role: 'kasi', breached: true });

test('620 cases waiting for Kabid: every one reachable page by page, most overdue first, with the true total', async () => {
  await seed([...forKabid, ...forKabidOtherUnit, ...forKasi, ...forApplicant, ...forOtherApplicant, ...completed, ...breached]);

  const kabidCases = [...forKabid, ...forKabidOtherUnit];
  const { total, items } = await allPages((page) => h.as('kabid')('GET', `/inbox?page=${page}&pageSize=100`));
  const numbers = items.map((i) => i.requestNumber);
  console.log(`inbox paging: Kabid total ${total}, ${items.length} items over ${Math.ceil(items.length / 100)} pages, ${new Set(numbers).size} distinct`);
  expect(total).toBe(kabidCases.length);
  expect(new Set(numbers).size).toBe(numbers.length);
  expect([...numbers].sort()).toEqual(kabidCases.map((c) => c.requestNumber).sort());
  const deadlines = items.map((i) => Date.parse(i.todo!.deadline!));
  expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));

  const first = await h.as('kabid')('GET', '/inbox?pageSize=10');
  const overdue = kabidCases.filter((c) => Date.parse(c.currentStep!.deadline!) < Date.now()).length;
  expect(first.body).toMatchObject({ role: 'kabid', total: kabidCases.length, overdue, page: 1, pageSize: 10 });
  expect(first.body.items).toHaveLength(10);
  expect(first.body.items[0].todo.overdue).toBe(true);

  const kasi = await h.as('admin')('GET', '/inbox?role=kasi&pageSize=500');
  expect(kasi.body.total).toBe(forKasi.length + breached.length);
  const applicant = await h.as('applicant')('GET', '/inbox');
  expect(applicant.body.items.map((i: { requestNumber: string }) => i.requestNumber).sort()).toEqual(forApplicant.map((c) => c.requestNumber).sort());
  expect((await h.as('kabid')('GET', '/inbox?pageSize=501')).status).toBe(400);
});

test('the list filters by status, unit and breach, pages newest first, and keeps applicants to their unit', async () => {
  const all = await allPages((page) => h.as('admin')('GET', `/requests?page=${page}&pageSize=100`));
  const numbers = all.items.map((i) => i.requestNumber);
  expect(all.total).toBe(forKabid.length + forKabidOtherUnit.length + forKasi.length + forApplicant.length + forOtherApplicant.length + completed.length + breached.length);
  expect(new Set(numbers).size).toBe(all.total);
  const submitted = all.items.map((i) => Date.parse(i.submittedAt));
  expect(submitted).toEqual([...submitted].sort((a, b) => b - a));

  expect((await h.as('admin')('GET', '/requests?status=completed')).body.total).toBe(completed.length);
  expect((await h.as('admin')('GET', `/requests?unit=${encodeURIComponent(OTHER_UNIT)}`)).body.total).toBe(forKabidOtherUnit.length + forOtherApplicant.length);
  const breachedPage = await h.as('kabid')('GET', '/requests?breached=true');
  expect(breachedPage.body.items.map((i: { requestNumber: string }) => i.requestNumber).sort()).toEqual(breached.map((c) => c.requestNumber).sort());
  expect(breachedPage.body.items[0]).toMatchObject({ status: 'inProgress', slaBreached: true, waitingFor: { role: 'kasi', kind: 'disposition' }, domain: base.submission.kind === 'colocation' ? base.submission.form.domain : '' });

  const mine = await h.as('otherApplicant')('GET', `/requests?pageSize=100&unit=${encodeURIComponent(UNIT)}`);
  expect(mine.body.total).toBe(forKabidOtherUnit.length + forOtherApplicant.length);
  expect(mine.body.items.every((i: { applicantUnit: string }) => i.applicantUnit === OTHER_UNIT)).toBe(true);
});

test('a real case shows in Kabid\'s inbox, then, once disposed, in the Seksi\'s and no longer in Kabid\'s', async () => {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  const kabidTotal = forKabid.length + forKabidOtherUnit.length;
  const inKabid = await eventually(() => h.as('kabid')('GET', '/inbox?pageSize=500&page=2'), (r) => r.body.total === kabidTotal + 1, 'the new case in Kabid\'s inbox');
  const all = [...(await h.as('kabid')('GET', '/inbox?pageSize=500')).body.items, ...inKabid.body.items];
  expect(all).toContainEqual(expect.objectContaining({ requestNumber: no, todo: expect.objectContaining({ kind: 'disposition', role: 'kabid' }) }));
  // Listed once before the decision, so the list's kept order must take the case's move in place.
  expect((await h.as('applicant')('GET', '/requests?pageSize=1')).body.items[0]).toMatchObject({ requestNumber: no, waitingFor: { role: 'kabid' } });

  expect((await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' } })).status).toBe(200);
  // The decision answers once the case waits again and its record is written: no waiting needed.
  const kasi = await h.as('kasi')('GET', '/inbox?pageSize=500');
  expect(kasi.body.items).toContainEqual(expect.objectContaining({ requestNumber: no, todo: expect.objectContaining({ kind: 'disposition', role: 'kasi' }) }));
  expect((await h.as('kabid')('GET', '/inbox?pageSize=1')).body.total).toBe(kabidTotal);
  const listed = await h.as('applicant')('GET', '/requests?pageSize=1');
  expect(listed.body.items[0]).toMatchObject({ requestNumber: no, waitingFor: { role: 'kasi' }, currentStep: { sopStep: '2' } });
});
