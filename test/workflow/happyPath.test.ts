// Each of the five SOP profiles, driven end to end on the time-skipping test server: the steps run
// in the SOP's order, by the SOP's roles, and each recorded step carries its mutu baku time.
import { Asset } from '../../shared/db/asset';
import { RequestRecord } from '../../shared/db/requestRecord';
import { emailsTo, listEmails } from '../support/mailbox';
import { createHarness, driveToEnd, eventually, Harness } from './support/caseHarness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_happy');
});
afterAll(() => h?.close());

/** The decisions each SOP asks for, in order: [SOP step, decision, role]. */
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
    ['2', 'disposition', 'kadis'], ['2', 'disposition', 'kabid'], ['2', 'disposition', 'pranataKomputer'], ['3', 'capacityCheck', 'helpdesk'],
    ['4', 'task', 'helpdesk'], ['4', 'task', 'helpdesk'], ['5a', 'approval', 'kadis'], ['6a', 'task', 'helpdesk'], ['7', 'applicationForm', 'applicant'], ['7', 'deviceDelivery', 'helpdesk'],
    ['8', 'specVerification', 'helpdesk'], ['9', 'installation', 'dcStaff'], ['10', 'handover', 'helpdesk'], ['10', 'task', 'helpdesk'], ['11', 'task', 'pranataKomputer'], ['12', 'task', 'kadis'],
  ],
  jateng: [
    ['1', 'disposition', 'kadis'], ['2', 'clarification', 'kasi'], ['3', 'task', 'dcStaff'], ['4', 'capacityCheck', 'kasi'], ['5', 'approval', 'kabid'], ['5', 'approval', 'kadis'],
    ['7 (prasyarat)', 'deviceDelivery', 'dcStaff'], ['7', 'specVerification', 'dcStaff'], ['7', 'installation', 'dcStaff'], ['7', 'handover', 'dcStaff'],
  ],
};

/** The mutu baku time of each step as the SOP writes it; null where the SOP sets none. */
const expectedStandards: Record<string, [string, string | null][]> = {
  cirebon: [['1', null], ['2', '15 menit'], ['3', '1 jam'], ['4', '15 menit'], ['5', '15 menit'], ['6', '15 menit'], ['7', '1 hari'], ['8', '1 hari'], ['9', '15 menit']],
  ciamis: [['1', null], ['2', '15 menit'], ['3', '1 jam'], ['4', '1 hari'], ['5', '15 menit'], ['6', '1 jam'], ['7', '15 menit']],
  // Kaltim sets no per-step times, only the whole service: 4 working days (checked below).
  kaltim: [['1', null], ['2', null], ['3', null], ['4', null], ['5', null], ['6', null], ['7', null], ['8', null], ['9', null]],
  sumbar: [['1', null], ['2', '1 hari'], ['3', '1 jam'], ['4', '1 hari'], ['5a', '1 hari'], ['6a', '1 hari'], ['7', '1 hari'], ['8', '1 jam'], ['9', '2 hari'], ['10', '1 hari'], ['11', '1 hari'], ['12', '1 hari']],
  jateng: [['1', '1 jam'], ['2', '3 jam'], ['3', '2 jam'], ['4', '2 jam'], ['5', '3 jam'], ['6', '3 jam'], ['7 (prasyarat)', null], ['7', '2 jam']],
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
    const assets = await Asset.find({ requestNumber: state.requestNumber }).lean();
    expect(assets).toHaveLength(1);
    expect(assets[0]).toMatchObject({ serialNumber: 'SN-0001', ipAddress: state.installation!.ipAddress });

    // The outbox dispatcher delivers after the case has moved on.
    await eventually(async () => {
      const mine = emailsTo(await listEmails(), 'dinkes@opd.example.go.id').filter((e) => e.subject.startsWith(`[${state.requestNumber}]`));
      const subjects = mine.map((e) => e.subject.replace(`[${state.requestNumber}] `, ''));
      expect(subjects).toEqual(expect.arrayContaining(['Permohonan co-location telah diterima', 'Server dan hosting aplikasi sudah dapat diakses']));
    });
  });
});
