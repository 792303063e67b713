// The SOP rules issue 8 asks for that the per-procedure run (procedures.test.ts) does not show:
// Sumbar's power check, Ciamis' redelivery without a second approval, the delivery row's SLA,
// audit/email keys that follow from the case's meaning (row and occurrence), a backup service that
// outlives one history, Kaltim's whole-service standard, and a calendar year reached while running.
import { randomUUID } from 'node:crypto';
import { loadWorkingYears } from '../../activities/workingYears';
import { recordCutiBersama } from '../../activities/calendarStore';
import { requestStopUpdate } from '../../shared/contracts/sopCase';
import { Reservation } from '../../shared/db/capacity';
import { AuditEntry } from '../../shared/db/audit';
import { CalendarYear, calendarYearId, NATIONAL } from '../../shared/db/calendarYear';
import { getProfile } from '../../shared/profile/registry';
import { addWorkingDuration, localDate, UTC_OFFSET_MINUTES, WorkingCalendar, workingCalendar } from '../../shared/workingTime';
import { LOOPS_PER_HISTORY } from '../../workflows/sop/carryOver';
import { TEST_API_PUBLIC_URL } from '../support/publicUrl';
import { emailsFor, refusalOf } from './support/expectations';
import { actorFor, createHarness, driveToEnd, driveUntil, eventually, Harness, happyPayload, pendingKind, staffEmail, waitForPendingOrEnd } from './support/caseHarness';
import { drive } from './support/drive';

const applicantEmail = 'dinkes@opd.example.go.id';
const DAY = 24 * 3600_000;
let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_sop_rules');
});
afterAll(() => h?.close());

/** The working calendar the office keeps for a profile's years, as a case would load it. */
async function calendarOf(profileId: string, years: number[]): Promise<WorkingCalendar> {
  return workingCalendar({ profile: getProfile(profileId), ...(await loadWorkingYears({ profileId, years })) });
}

const yearOf = (ms: number): number => new Date(ms).getUTCFullYear();

test('Sumbar: power unavailable at the check → the reply letter says not accepted, the case ends noCapacity at row 6 and the reservation is released', async () => {
  const handle = await h.start('sumbar');
  await driveUntil(h, handle, (s) => pendingKind(s) === 'powerCheck');
  expect((await h.state(handle)).capacity.reservation).toMatchObject({ status: 'held' });
  await h.decide(handle, 'powerCheck', 'generalAffairs', { outcome: 'unavailable', reason: 'Daya listrik kantor tidak mencukupi' });
  const state = await driveUntil(h, handle, () => false);
  expect(state.status).toBe('noCapacity');
  expect(state.steps.at(-1)!.sopStep).toBe('6');
  expect(await Reservation.findById(state.requestNumber).lean()).toMatchObject({ status: 'released' });
  const reply = await eventually(async () => {
    const found = (await emailsFor(state.requestNumber, applicantEmail)).filter((e) => /Surat balasan/.test(e.subject));
    expect(found).toHaveLength(1);
    return found[0]!;
  });
  expect(reply.text).toMatch(/TIDAK DAPAT DITERIMA/);
});

describe('Ciamis redelivery and the approval email', () => {
  test('a spec mismatch at row 6 redoes only the delivery of row 4, with no second approval, then row 6 again', async () => {
    const handle = await h.start('ciamis');
    let mismatches = 0;
    const trail = await driveToEnd(h, handle, (kind) => (kind === 'specVerification' && mismatches++ === 0 ? { result: 'mismatch', reasons: ['RAM terpasang 32 GB'] } : undefined));
    const state = await h.state(handle);
    expect(state.status).toBe('completed');
    expect(trail.map((t) => `${t.sopStep}:${t.kind}`)).toEqual([
      '2:disposition', '2:disposition', '3:capacityCheck', '4:applicationForm', '4:deviceDelivery', '5:approval',
      '6:specVerification', '4:deviceDelivery', '6:specVerification', '6:installation', '6:handover',
    ]);
    expect(state.decisions.filter((d) => d.kind === 'approval')).toHaveLength(1);
    expect(state.decisions.filter((d) => d.kind === 'applicationForm')).toHaveLength(1);
    const mine = await eventually(async () => {
      const all = await emailsFor(state.requestNumber, applicantEmail);
      expect(all.some((e) => /sudah dapat diakses/.test(e.subject))).toBe(true);
      return all;
    });
    // Ciamis' SOP writes no approval letter, and its server comes in at row 4: only row 4's task (and
    // the mismatch notice, which names row 4) speak of bringing it.
    expect(mine.filter((e) => /disetujui/.test(e.subject))).toHaveLength(0);
    const asking = mine.filter((e) => /membawa perangkat server/i.test(e.text)).map((e) => e.subject.replace(/^\[[^\]]+\] /, ''));
    expect(asking.sort()).toEqual(['Spesifikasi server tidak sesuai', 'Tugas baru: Mengisi form pengajuan Co-Location server dan hosting aplikasi'].sort());
  });

  test("Cirebon's approval email asks to bring the server (delivered after approval, row 7)", async () => {
    const handle = await h.start('cirebon');
    const state = await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
    const approved = await eventually(async () => {
      const found = (await emailsFor(state.requestNumber, applicantEmail)).filter((e) => /disetujui/.test(e.subject));
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(approved.text).toMatch(/membawa perangkat server/);
    await h.withdraw(handle, 'Selesai diuji');
  });
});

describe('SLA of a row whose action staff record for the applicant', () => {
  test('Cirebon row 7: past the deadline the applicant and dcStaff are reminded; past the grace the kasi is told and the case does not expire', async () => {
    const handle = await h.start('cirebon');
    const waiting = await driveUntil(h, handle, (s) => pendingKind(s) === 'deviceDelivery');
    const { requestNumber } = waiting;
    const deadline = waiting.currentStep!.deadline!;
    await h.advancePast(deadline);
    await eventually(async () => {
      const reminder = `[${requestNumber}] Pengingat: batas waktu langkah 7 terlewati`;
      expect((await emailsFor(requestNumber, applicantEmail)).map((e) => e.subject)).toContain(reminder);
      expect((await emailsFor(requestNumber, staffEmail('dcStaff'))).map((e) => e.subject)).toContain(reminder);
    });
    await h.advancePast(new Date(Date.parse(deadline) + 14 * DAY).toISOString());
    await eventually(async () => {
      expect((await emailsFor(requestNumber, staffEmail('kasi'))).map((e) => e.subject)).toContain(`[${requestNumber}] Eskalasi: langkah 7 belum diselesaikan`);
      expect((await h.state(handle)).currentStep!.escalatedAt).toBeDefined();
    });
    const state = await h.state(handle);
    expect(state.status).toBe('inProgress');
    expect(state.capacity.reservation).toMatchObject({ status: 'held' });
    await h.decide(handle, 'deviceDelivery', 'dcStaff', { deliveredBy: 'Budi Santoso' });
    expect((await h.state(handle)).currentStep!.sopStep).toBe('8');
    await h.withdraw(handle, 'Selesai diuji');
  });

  test('Cirebon row 4, where the applicant records the form: past the grace the case expires and capacity is released', async () => {
    const handle = await h.start('cirebon');
    const waiting = await driveUntil(h, handle, (s) => pendingKind(s) === 'applicationForm');
    const { requestNumber } = waiting;
    expect(waiting.capacity.reservation).toMatchObject({ status: 'held' });
    await h.advancePast(waiting.currentStep!.deadline!);
    await eventually(async () => expect((await emailsFor(requestNumber, applicantEmail)).map((e) => e.subject)).toContain(`[${requestNumber}] Pengingat: batas waktu langkah 4 terlewati`));
    const reminder = (await emailsFor(requestNumber, applicantEmail)).find((e) => e.subject.includes('Pengingat'));
    expect(reminder!.text.split(/\r?\n/)).toContain(`Tindak lanjuti melalui halaman permohonan: ${TEST_API_PUBLIC_URL}/app/permohonan/${requestNumber}`);
    await h.advancePast(new Date(Date.parse(waiting.currentStep!.deadline!) + 14 * DAY).toISOString());
    const result = await handle.result();
    expect(result.status).toBe('expired');
    expect(await Reservation.findById(requestNumber).lean()).toMatchObject({ status: 'released' });
    await eventually(async () => expect((await emailsFor(requestNumber, applicantEmail)).some((e) => / kedaluwarsa$/.test(e.subject))).toBe(true));
  });
});

test('audit and email keys come from the row and its occurrence: a row run twice is "<row>#1" and "<row>#2"', async () => {
  const handle = await h.start('cirebon');
  let mismatches = 0;
  await driveToEnd(h, handle, (kind, state) => (kind === 'specVerification' && mismatches++ === 0 ? { result: 'mismatch', reasons: ['Serial number berbeda'] } : happyPayload(kind, state)));
  const state = await h.state(handle);
  expect(state.steps.filter((s) => s.sopStep === '7').map((s) => s.stepId)).toEqual(['7#1', '7#2']);
  expect(state.steps.filter((s) => s.sopStep === '8').map((s) => s.stepId)).toEqual(['8#1', '8#2']);
  const audited = await AuditEntry.find({ requestNumber: state.requestNumber }).lean();
  const stepped = audited.map((a) => String(a._id)).filter((id) => /#/.test(id));
  expect(stepped.length).toBeGreaterThan(0);
  for (const id of stepped) expect(id).toMatch(new RegExp(`^${state.requestNumber}/\\d+[a-z]?#\\d+/.+`));
  expect(stepped.some((id) => id.startsWith(`${state.requestNumber}/8#2/`))).toBe(true);
});

describe('a backup service that runs for months', () => {
  test(`past ${LOOPS_PER_HISTORY} runs it continues as new, keeps counting, and a stop request ends it with one letter`, async () => {
    const handle = await h.start('jateng', 'backup');
    const { state } = await drive(h, handle, undefined, LOOPS_PER_HISTORY + 2);
    expect(state.status).toBe('completed');
    const latest = await handle.describe();
    expect(latest.workflowId).toBe(handle.workflowId);
    expect(latest.runId).not.toBe(handle.firstExecutionRunId);
    expect(state.backup!.runs).toBe(LOOPS_PER_HISTORY + 2);
    expect(state.backup!.stoppedAt).toBeDefined();
    expect(state.archived!.steps).toBeGreaterThan(0);
    expect(state.archived!.decisions).toBeGreaterThan(0);
    const stopped = await eventually(async () => {
      const found = (await emailsFor(state.requestNumber, state.applicantEmail)).filter((e) => / Pelaksanaan back up dihentikan$/.test(e.subject));
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(stopped.text).toMatch(new RegExp(`Jumlah pelaksanaan back up: ${LOOPS_PER_HISTORY + 2}\\.`));
  });

  test('a second stop request, one sent by staff, and one on a restore case are refused and change nothing', async () => {
    const handle = await h.start('jateng', 'backup');
    const running = await driveUntil(h, handle, (s) => pendingKind(s) === 'backupRun');
    const letter = { letterNumber: '045/124/Diskes', letterDate: '2026-11-21', subject: 'Permohonan penghentian back up' };
    const decisionId = randomUUID();
    const byStaff = await refusalOf(handle.executeUpdate(requestStopUpdate, { args: [{ decisionId, actor: actorFor('dcStaff'), letter, reason: 'Dihentikan petugas' }], updateId: decisionId }));
    expect(byStaff.code).toBe('WRONG_ROLE');
    expect(await h.state(handle)).toEqual(running);

    await h.requestStop(handle);
    const asked = await h.state(handle);
    expect(asked.backup!.stopRequested).toMatchObject({ letterNumber: '045/123/Diskes' });
    const again = await refusalOf(h.requestStop(handle));
    expect(again.code).toBe('OUT_OF_TURN');
    expect(again.message).toMatch(/sudah diminta dengan surat 045\/123\/Diskes/);
    expect(await h.state(handle)).toEqual(asked);
    await h.withdraw(handle, 'Selesai diuji');

    const restore = await h.start('jateng', 'restore');
    const waiting = await waitForPendingOrEnd(h, restore);
    const onRestore = await refusalOf(h.requestStop(restore));
    expect(onRestore.code).toBe('OUT_OF_TURN');
    expect(await h.state(restore)).toEqual(waiting);
    await h.withdraw(restore, 'Selesai diuji');
  });
});

describe("Kaltim's whole-service standard of 4 hari kerja counts the agency's own time", () => {
  test("the applicant's working time at the form (row 4) moves the total deadline on by as much; within it, no breach email", async () => {
    const handle = await h.start('kaltim');
    const atForm = await driveUntil(h, handle, (s) => pendingKind(s) === 'applicationForm');
    const submittedAt = Date.parse(atForm.submittedAt);
    const calendar = await calendarOf('kaltim', [yearOf(submittedAt), yearOf(submittedAt) + 1]);
    const agencyDeadline = addWorkingDuration(submittedAt, { amount: 4, unit: 'hari' }, calendar);
    expect(atForm.totalDeadline).toBe(new Date(agencyDeadline).toISOString());

    // The applicant takes two working days over the form.
    await h.advancePast(new Date(addWorkingDuration(await h.env.currentTimeMs(), { amount: 2, unit: 'hari' }, calendar)).toISOString());
    await h.decide(handle, 'applicationForm', 'applicant', {});
    const after = await eventually(async () => {
      const state = await h.state(handle);
      const form = state.steps.find((s) => s.sopStep === '4')!;
      expect(form.actualWorkingMinutes).toBeGreaterThanOrEqual(2 * 8 * 60);
      expect(state.applicantWaitMinutes).toBe(form.actualWorkingMinutes);
      expect(Math.abs(Date.parse(state.totalDeadline!) - addWorkingDuration(agencyDeadline, { amount: form.actualWorkingMinutes!, unit: 'menit' }, calendar))).toBeLessThan(1_000);
      return state;
    });
    expect(Date.parse(after.totalDeadline!)).toBeGreaterThan(agencyDeadline);

    await driveToEnd(h, handle);
    const done = await h.state(handle);
    expect(done.status).toBe('completed');
    expect(done.slaBreached).toBe(false);
    // Row 7 (the server brought in) is the applicant's too.
    const applicantRows = done.steps.filter((s) => s.performer === 'applicant').reduce((sum, s) => sum + (s.actualWorkingMinutes ?? 0), 0);
    expect(done.applicantWaitMinutes).toBeCloseTo(applicantRows, 1);
    expect(Math.abs(Date.parse(done.totalDeadline!) - addWorkingDuration(agencyDeadline, { amount: done.applicantWaitMinutes, unit: 'menit' }, calendar))).toBeLessThan(1_000);
    const kabid = await eventually(async () => {
      const mine = await emailsFor(done.requestNumber, staffEmail('kabid'));
      expect(mine.some((e) => /sudah dapat diakses/.test(e.subject))).toBe(true);
      return mine;
    });
    expect(kabid.filter((e) => / terlampaui$/.test(e.subject))).toEqual([]);
  });

  test('a case the agency itself lets run past 4 working days tells the kabid once, and goes on to completion', async () => {
    const handle = await h.start('kaltim');
    const waiting = await driveUntil(h, handle, (s) => pendingKind(s) === 'capacityCheck');
    await h.advancePast(waiting.totalDeadline!);
    const breach = `[${waiting.requestNumber}] Waktu layanan 4 hari kerja terlampaui`;
    await eventually(async () => expect((await emailsFor(waiting.requestNumber, staffEmail('kabid'))).map((e) => e.subject)).toContain(breach));
    await driveToEnd(h, handle);
    const done = await h.state(handle);
    expect(done.status).toBe('completed');
    expect(done.slaBreached).toBe(true);
    // The completion report is copied to the kabid: once it is there, every email to the kabid is.
    const kabid = await eventually(async () => {
      const mine = await emailsFor(done.requestNumber, staffEmail('kabid'));
      expect(mine.some((e) => /sudah dapat diakses/.test(e.subject))).toBe(true);
      return mine;
    });
    expect(kabid.filter((e) => e.subject === breach)).toHaveLength(1);
    expect(await AuditEntry.countDocuments({ requestNumber: done.requestNumber, event: 'totalSlaBreached' })).toBe(1);
  });
});

test('a case whose clock reaches a new year loads it: cuti bersama the office records after the start count', async () => {
  const profile = getProfile('jateng');
  const year = yearOf((await h.env.currentTimeMs()) + UTC_OFFSET_MINUTES[profile.timeZone] * 60_000);
  const next = year + 1;
  // The decree for next year is not recorded yet when the case starts.
  await CalendarYear.deleteOne({ _id: calendarYearId(NATIONAL, next) });
  const unrecorded = await loadWorkingYears({ profileId: 'jateng', years: [next] });
  expect(unrecorded.missing).toEqual([next]);
  // A Tuesday to Friday in January whose day before is worked too: it becomes the cuti bersama.
  const day = (d: number) => new Date(Date.UTC(next, 0, d)).toISOString().slice(0, 10);
  const working = (d: number) => ![0, 6].includes(new Date(Date.UTC(next, 0, d)).getUTCDay()) && !unrecorded.nonWorkingDates.includes(day(d));
  const d = [...Array(18).keys()].map((i) => i + 12).find((n) => new Date(Date.UTC(next, 0, n)).getUTCDay() !== 1 && working(n) && working(n - 1))!;
  const cutiBersama = day(d);

  const handle = await h.start('jateng');
  const opened = await waitForPendingOrEnd(h, handle);
  expect(opened.currentStep!.pending).toMatchObject({ kind: 'disposition', by: 'kadis' });
  await eventually(async () => expect(await AuditEntry.findById(`${opened.requestNumber}/calendar/${next}`).lean()).toMatchObject({ event: 'calendarYearMissing' }));
  await recordCutiBersama(next, { decree: 'SKB Hari Libur Nasional dan Cuti Bersama (uji)', dates: [cutiBersama], by: 'user-admin' });

  // The kadis disposes the letter at 14:00 WIB the working day before: row 2's 3 jam reach into the next working day.
  await h.advancePast(`${day(d - 1)}T07:00:00.000Z`);
  await h.decide(handle, 'disposition', 'kadis', happyPayload('disposition', opened));
  const row2 = (await h.state(handle)).currentStep!;
  expect(row2.sopStep).toBe('2');
  const started = Date.parse(row2.startedAt);
  const recorded = await calendarOf('jateng', [next]);
  const withoutIt = { ...recorded, nonWorkingDates: new Set([...recorded.nonWorkingDates].filter((x) => x !== cutiBersama)) };
  expect(localDate(addWorkingDuration(started, { amount: 3, unit: 'jam' }, withoutIt), recorded)).toBe(cutiBersama);
  expect(row2.deadline).toBe(new Date(addWorkingDuration(started, { amount: 3, unit: 'jam' }, recorded)).toISOString());
  expect(localDate(Date.parse(row2.deadline!), recorded)).not.toBe(cutiBersama);
  await h.withdraw(handle, 'Selesai diuji');
});
