// Each of the five SOP profiles, driven end to end on the time-skipping test server: the rows run
// in the SOP's order, by the SOP's roles, each recorded row carries its mutu baku time, and the
// applicant receives exactly the emails the SOP implies, once each.
import { Asset } from '../../shared/db/asset';
import { RequestRecord } from '../../shared/db/requestRecord';
import { emailsTo, listEmails } from '../support/mailbox';
import { createHarness, driveToEnd, eventually, Harness } from './support/caseHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_happy');
});
afterAll(() => h?.close());

/** The decisions each SOP asks for, in order: [SOP row, decision, role]. */
const expectedTrail: Record<string, [string, string, string][]> = {
  cirebon: [
    ['2', 'disposition', 'kabid'], ['2', 'disposition', 'kasi'], ['3', 'capacityCheck', 'dcStaff'], ['4', 'applicationForm', 'applicant'],
    ['5', 'approval', 'kabid'], ['7', 'deviceDelivery', 'dcStaff'], ['8', 'specVerification', 'dcStaff'], ['8', 'installation', 'dcStaff'], ['8', 'handover', 'dcStaff'],
  ],
  ciamis: [
    ['2', 'disposition', 'kabid'], ['2', 'disposition', 'kasi'], ['3', 'capacityCheck', 'dcStaff'], ['4', 'applicationForm', 'applicant'], ['4', 'deviceDelivery', 'dcStaff'],
    ['5', 'approval', 'kabid'], ['6', 'specVerification', 'dcStaff'], ['6', 'installation', 'dcStaff'], ['6', 'handover', 'dcStaff'],
  ],
  kaltim: [
    ['2', 'disposition', 'kabid'], ['2', 'disposition', 'kasi'], ['3', 'capacityCheck', 'dcStaff'], ['4', 'applicationForm', 'applicant'],
    ['5', 'approval', 'kabid'], ['7', 'deviceDelivery', 'dcStaff'], ['8', 'specVerification', 'dcStaff'], ['8', 'installation', 'dcStaff'], ['8', 'handover', 'dcStaff'],
  ],
  sumbar: [
    ['2', 'disposition', 'kadis'], ['2', 'disposition', 'kabid'], ['2', 'disposition', 'pranataKomputer'], ['3', 'capacityCheck', 'helpdesk'], ['3', 'powerCheck', 'generalAffairs'],
    ['4', 'task', 'helpdesk'], ['5', 'task', 'kadis'], ['6', 'task', 'helpdesk'], ['7', 'applicationForm', 'applicant'], ['7', 'deviceDelivery', 'helpdesk'],
    ['8', 'specVerification', 'helpdesk'], ['9', 'installation', 'technicalTeam'], ['10', 'task', 'helpdesk'], ['11', 'task', 'pranataKomputer'], ['12', 'task', 'kadis'],
  ],
  jateng: [
    ['1', 'disposition', 'kadis'], ['2', 'clarification', 'kasi'], ['3', 'task', 'dcStaff'], ['4', 'capacityCheck', 'kasi'], ['5', 'task', 'kabid'], ['5', 'approval', 'kadis'],
    ['7', 'specVerification', 'dcStaff'], ['7', 'handover', 'dcStaff'],
  ],
};

/** The mutu baku time of each row as the SOP writes it; null where the SOP sets none. */
const expectedStandards: Record<string, [string, string | null][]> = {
  cirebon: [['1', null], ['2', '15 menit'], ['3', '1 jam'], ['4', '15 menit'], ['5', '15 menit'], ['6', '15 menit'], ['7', '1 hari'], ['8', '1 hari'], ['9', '15 menit']],
  ciamis: [['1', null], ['2', '15 menit'], ['3', '1 jam'], ['4', '1 hari'], ['5', '15 menit'], ['6', '1 jam'], ['7', '15 menit']],
  // Kaltim sets no per-row times, only the whole service: 4 working days (checked below).
  kaltim: [['1', null], ['2', null], ['3', null], ['4', null], ['5', null], ['6', null], ['7', null], ['8', null], ['9', null]],
  sumbar: [['1', '1 hari'], ['2', '1 hari'], ['3', '1 jam'], ['4', '1 hari'], ['5', '1 hari'], ['6', '1 hari'], ['7', '1 hari'], ['8', '1 jam'], ['9', '2 hari'], ['10', '1 hari'], ['11', '1 hari'], ['12', '1 hari']],
  jateng: [['1', '1 jam'], ['2', '3 jam'], ['3', '2 jam'], ['4', '2 jam'], ['5', '3 jam'], ['6', '3 jam'], ['7', '2 jam']],
};

const received = 'Permohonan co-location / penempatan server dan hosting aplikasi telah diterima';
const formTask = 'Tugas baru: Mengisi form pengajuan Co-Location server dan hosting aplikasi';
const approved = 'Permohonan co-location disetujui';
const live = 'Server dan hosting aplikasi sudah dapat diakses';
/** Every email the applicant receives on the happy path, each once. */
const expectedApplicantEmails: Record<string, string[]> = {
  cirebon: [received, formTask, approved, live],
  // Ciamis' SOP has no approval letter: the server is already in the data center by row 4.
  ciamis: [received, formTask, live],
  kaltim: [received, formTask, approved, live],
  // Sumbar answers with a reply letter (row 6) instead of an approval.
  sumbar: ['Permohonan colocation telah diterima', 'Tugas baru: Membalas surat dengan mengisi form yang telah dikirim', 'Surat balasan permohonan co-location', live],
  jateng: ['Permohonan serah terima colocation telah diterima', approved, live],
};

describe.each(Object.keys(expectedTrail))('%s', (profileId) => {
  test('runs every step of the SOP to go-live', async () => {
    const handle = await h.start(profileId);
    const trail = await driveToEnd(h, handle);
    const result = await handle.result();

    expect(result.status).toBe('completed');
    expect(trail.map((t) => [t.sopStep, t.kind, t.role])).toEqual(expectedTrail[profileId]);

    const state = await h.state(handle);
    const standards = state.steps.map((s) => [s.sopStep, s.standard ? `${s.standard.amount} ${s.standard.unit}` : null]);
    expect(standards).toEqual(expectedStandards[profileId]);
    for (const step of state.steps) {
      expect(step.completedAt).toBeDefined();
      expect(step.breachedAt).toBeUndefined();
      if (step.standardWorkingMinutes !== undefined) expect(step.actualWorkingMinutes).toBeLessThanOrEqual(step.standardWorkingMinutes);
    }

    if (profileId === 'kaltim') {
      expect(Date.parse(state.totalDeadline!)).toBeGreaterThan(Date.parse(state.submittedAt));
      expect(state.steps.some((s) => s.breachedAt)).toBe(false);
    }

    const record = await RequestRecord.findById(state.requestNumber).lean();
    expect(record).toMatchObject({ status: 'completed', slaBreached: false });
    // The asset register is written at the handover; Sumbar's SOP has no handover row.
    const assets = await Asset.find({ requestNumber: state.requestNumber }).lean();
    expect(assets).toHaveLength(state.handover ? 1 : 0);
    if (!state.handover) return expectApplicantEmails(profileId, state.requestNumber);
    expect(assets[0]).toMatchObject({ serialNumber: 'SN-0001' });
    if (state.installation) expect(assets[0]).toMatchObject({ ipAddress: state.installation.ipAddress });

    await expectApplicantEmails(profileId, state.requestNumber);
  });
});

async function expectApplicantEmails(profileId: string, requestNumber: string): Promise<void> {
  // The outbox dispatcher delivers after the case has moved on.
  await eventually(async () => {
    const mine = emailsTo(await listEmails(), 'dinkes@opd.example.go.id').filter((e) => e.subject.startsWith(`[${requestNumber}]`));
    // Sorted: the outbox delivers in parallel, so arrival order is not the case's order.
    expect(mine.map((e) => e.subject.replace(`[${requestNumber}] `, '')).sort()).toEqual([...expectedApplicantEmails[profileId]!].sort());
  });
}
