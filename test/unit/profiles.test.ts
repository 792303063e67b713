import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { actionRules } from '../../shared/profile/actions';
import { getProfile, InvalidProfileError, listProfiles, loadProfilesFrom, UnknownProfileError } from '../../shared/profile/registry';
import { Activity, Branch, Procedure, Profile, profileSchema, Role, Target } from '../../shared/profile/schema';

const ids = ['ciamis', 'cirebon', 'jateng', 'kaltim', 'sumbar'];
const sources: Record<string, string> = {
  cirebon: '000_2a1232731932b13f.txt',
  ciamis: '001_da9bd901a6274e3b.txt',
  kaltim: '002_d1f3f98f8bf34b54.txt',
  sumbar: '003_5b8a7f2941ec8f4a.txt',
  jateng: '004_07d95f00635ed4f1.txt',
};
const codes: Record<string, string> = { cirebon: 'CRB', ciamis: 'CMS', kaltim: 'KTM', sumbar: 'SMB', jateng: 'JTG' };

const clone = (id: string): Profile => structuredClone(getProfile(id)) as Profile;
const colocation = (profile: Profile): Procedure => profile.procedures.find((p) => p.id === 'colocation')!;
const row = (procedure: Procedure, no: string): Activity => procedure.activities.find((a) => a.no === no)!;
const branch = (activity: Activity): Branch => activity.next as Branch;
const allRows = (profile: Profile) => profile.procedures.flatMap((p) => p.activities);
const allActions = (profile: Profile) => allRows(profile).flatMap((a) => a.actions.map((action) => ({ ...action, by: action.by ?? a.performer, row: a })));
const kinds = (activity: Activity) => activity.actions.map((a) => a.kind);

test('all five profiles load and validate, each procedure traced to its seed', () => {
  expect(listProfiles().map((p) => p.id)).toEqual(ids);
  for (const profile of listProfiles()) {
    expect(profileSchema.safeParse(profile).success).toBe(true);
    expect(profile.code).toBe(codes[profile.id]);
    // 3: the agency's city (and Jateng's address, from its seed) for the documents' letterhead.
    expect(profile.version).toBe(3);
    expect(profile.agency.city).toBeTruthy();
    // A withdrawal follows a pencabutan form: the agency's own where its seed has one, else Kaltim's.
    for (const procedure of profile.procedures) expect(procedure.sop.source).toBe(procedure.id === 'withdrawal' && profile.id !== 'jateng' ? sources.kaltim : sources[profile.id]);
  }
  expect(listProfiles().map((p) => [p.id, p.procedures.map((q) => [q.id, q.request, q.code])])).toEqual([
    ['ciamis', [['colocation', 'colocation', undefined], ['withdrawal', 'withdrawal', 'PC']]],
    ['cirebon', [['colocation', 'colocation', undefined], ['withdrawal', 'withdrawal', 'PC']]],
    ['jateng', [['colocation', 'colocation', undefined], ['backup', 'backup', 'BU'], ['restore', 'restore', 'RS'], ['withdrawal', 'withdrawal', 'PC']]],
    ['kaltim', [['colocation', 'colocation', undefined], ['withdrawal', 'withdrawal', 'PC']]],
    ['sumbar', [['colocation', 'colocation', undefined], ['withdrawal', 'withdrawal', 'PC']]],
  ]);
});

test('the SOP identity is kept with each procedure', () => {
  expect(colocation(getProfile('ciamis')).sop).toMatchObject({
    madeOn: '2019-01-09',
    approvedBy: { name: 'AEF ALFUDOH, S.Sos, M.Si.', title: 'Kepala Dinas Komunikasi dan Informatika', nip: '19671110 199703 1 008' },
  });
  expect(colocation(getProfile('sumbar')).sop.title).toBe('SOP Permohonan Colocation');
  for (const procedure of getProfile('jateng').procedures) {
    expect(procedure.sop).toMatchObject({
      number: '067/798',
      revisedOn: '2019-02-19',
      effectiveOn: '2019-02-19',
      approvedBy: { name: 'RIENA RETNANINGRUM, SH', title: 'Kepala Dinas Komunikasi dan Informatika Provinsi Jawa Tengah', nip: '19641026 198909 2 001' },
    });
  }
  for (const id of ['cirebon', 'kaltim']) expect(Object.keys(colocation(getProfile(id)).sop).sort()).toEqual(['source', 'title']);
});

test.each(ids)('%s: calendar, SLA defaults and escalation chain', (id) => {
  const profile = getProfile(id);
  expect(profile.calendar).toEqual({ workingDays: [1, 2, 3, 4, 5], workingHours: { start: '08:00', end: '16:00' }, holidays: { country: 'ID' }, extraNonWorkingDates: {} });
  expect(profile.timeZone).toBe(id === 'kaltim' ? 'WITA' : 'WIB');
  for (const procedure of profile.procedures) {
    expect(procedure.sla).toMatchObject({ escalateAfter: { amount: 1, unit: 'hari' }, applicantGrace: { amount: 5, unit: 'hari' } });
  }
  expect(profile.roles.applicant?.superior).toBeUndefined();
  expect(profile.roles.kabid?.superior).toBe('kadis');
  if (profile.roles.kasi) expect(profile.roles.kasi.superior).toBe('kabid');
  if (profile.roles.dcStaff) expect(profile.roles.dcStaff.superior).toBe('kasi');
  // Only roles that act, plus the applicant (every case has one) and the superiors they escalate to.
  const used = new Set<Role>(['applicant', ...allRows(profile).map((a) => a.performer), ...allActions(profile).map((a) => a.by)]);
  for (const role of [...used]) {
    const superior = profile.roles[role]?.superior;
    if (superior) used.add(superior);
  }
  expect(Object.keys(profile.roles).sort()).toEqual([...used].sort());
});

test('capacity counts what each SOP lists', () => {
  const dimensions = Object.fromEntries(listProfiles().map((p) => [p.id, p.capacity.dimensions]));
  expect(dimensions).toEqual({
    ciamis: ['space', 'power', 'ups', 'genset', 'bandwidth', 'ipAddress'],
    cirebon: ['space', 'power', 'ups', 'genset', 'bandwidth', 'ipAddress'],
    jateng: ['power', 'bandwidth', 'space', 'ipAddress'],
    kaltim: ['space', 'power', 'ups', 'genset', 'bandwidth', 'ipAddress'],
    sumbar: ['space', 'ups', 'bandwidth', 'ipAddress'],
  });
  for (const id of ['cirebon', 'ciamis', 'kaltim']) expect(getProfile(id).capacity.note).toMatch(/own server/);
  expect(getProfile('jateng').capacity.note).toMatch(/IP address/);
  expect(getProfile('sumbar').capacity.note).toMatch(/Subbagian Umum/);
});

test.each(ids)('%s: an applicant\'s letter opens the case and is the only row without an action', (id) => {
  for (const procedure of getProfile(id).procedures) {
    const [first, ...rest] = procedure.activities;
    if (id === 'jateng' && procedure.id !== 'withdrawal') {
      // Jateng's procedures open with the agency receiving the letter: a timed disposition.
      expect(first).toMatchObject({ no: '1', performer: 'kadis', duration: { amount: 1, unit: 'jam' }, actions: [{ kind: 'disposition', by: 'kadis' }] });
    } else {
      expect(first).toMatchObject({ no: '1', performer: 'applicant', actions: [] });
    }
    for (const activity of rest) expect(activity.actions.length).toBeGreaterThan(0);
  }
});

test.each(ids)('%s: a row answered by an action has exactly one action that can answer', (id) => {
  for (const activity of allRows(getProfile(id))) {
    const answering = activity.actions.filter((a) => actionRules[a.kind].answer);
    if (activity.next && 'question' in activity.next && activity.next.answer === 'action') expect([activity.no, answering.length]).toEqual([activity.no, 1]);
  }
});

test.each(ids)('%s: the applicant brings the server, staff record it; a mismatch redoes only the delivery', (id) => {
  const profile = getProfile(id);
  const deliveries = allActions(profile).filter((a) => a.kind === 'deviceDelivery');
  expect(deliveries).toHaveLength(id === 'jateng' ? 0 : 1);
  for (const delivery of deliveries) {
    expect(delivery.row.performer).toBe('applicant');
    expect(delivery.by).toBe(id === 'sumbar' ? 'helpdesk' : 'dcStaff');
  }
  const verification = colocation(profile).activities.find((a) => kinds(a).includes('specVerification'))!;
  expect(kinds(verification)[0]).toBe('specVerification');
  expect(branch(verification)).toMatchObject({ question: 'Spesifikasi server sesuai?', answer: 'action' });
  const back = branch(verification).tidak;
  if (id === 'jateng') expect(back).toEqual({ goto: verification.no });
  else expect(back).toEqual({ goto: deliveries[0]!.row.no, only: ['deviceDelivery'] });
});

const end = (target: Target) => ('end' in target ? target.end : undefined);

test.each(['cirebon', 'ciamis', 'kaltim'])('%s: no capacity ends the process, a refused approval rejects it, letters as the rows say', (id) => {
  const procedure = colocation(getProfile(id));
  const check = row(procedure, '3');
  expect(kinds(check)).toEqual(['capacityCheck']);
  expect(end(branch(check).tidak)).toBe('noCapacity');
  const approval = row(procedure, '5');
  expect(approval.actions).toMatchObject([{ kind: 'approval', by: 'kabid' }]);
  expect(end(branch(approval).tidak)).toBe('rejected');
  expect(approval.note).toMatch(/menyetujui \/ menolak/);
  expect(kinds(row(procedure, '2'))).toEqual(['disposition', 'disposition']);
  expect(row(procedure, '2').actions.map((a) => a.by)).toEqual(['kabid', 'kasi']);
  const letters = procedure.activities.flatMap((a) => a.actions.filter((x) => x.letter).map((x) => [a.no, x.letter]));
  expect(letters).toEqual(id === 'ciamis' ? [['7', 'completionReport']] : [['6', 'approved'], ['9', 'completionReport']]);
  const verification = row(procedure, id === 'ciamis' ? '6' : '8');
  expect(kinds(verification)).toEqual(['specVerification', 'installation', 'handover']);
});

test('ciamis: form and device in one row before the approval; installation within 1 jam', () => {
  const procedure = colocation(getProfile('ciamis'));
  expect(row(procedure, '4').actions.map((a) => [a.kind, a.by])).toEqual([['applicationForm', 'applicant'], ['deviceDelivery', 'dcStaff']]);
  expect(row(procedure, '6').duration).toEqual({ amount: 1, unit: 'jam' });
  expect(getProfile('ciamis').roles).toMatchObject({ kabid: { title: 'Kepala Bidang Persandian dan Telematika' }, kasi: { title: 'Kasi Telematika' }, dcStaff: { title: 'Pelaksana' } });
});

test('kaltim: the whole service within 4 working days, no per-row times', () => {
  const kaltim = getProfile('kaltim');
  const procedure = colocation(kaltim);
  expect(procedure.sla.total).toEqual({ amount: 4, unit: 'hari' });
  expect(procedure.activities.every((a) => a.duration === undefined)).toBe(true);
  expect(procedure.activities.every((a) => /4 hari kerja/.test(a.note ?? ''))).toBe(true);
  expect(kaltim.roles).toMatchObject({ kabid: { title: 'Administrator Bidang TIK' }, kasi: { title: 'Pengawas Infrastruktur TIK' }, dcStaff: { title: 'Pengelola & Pemeriksa TIK' } });
});

test('jateng colocation: eight SOP rows, the Kadis approves, no capacity writes a letter, no installation', () => {
  const procedure = colocation(getProfile('jateng'));
  expect(procedure.activities.map((a) => a.no)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  expect(kinds(row(procedure, '2'))).toEqual(['clarification']);
  expect(row(procedure, '3').actions).toMatchObject([{ kind: 'task', by: 'dcStaff' }]);
  expect(row(procedure, '4').actions).toMatchObject([{ kind: 'capacityCheck', by: 'kasi' }]);
  expect(branch(row(procedure, '4'))).toMatchObject({ ya: { goto: '5' }, tidak: { goto: '8' } });
  expect(row(procedure, '5').performer).toBe('kabid');
  expect(row(procedure, '5').actions.filter((a) => a.kind === 'approval')).toMatchObject([{ by: 'kadis' }]);
  expect(end(branch(row(procedure, '5')).tidak)).toBe('rejected');
  expect(row(procedure, '6').actions).toMatchObject([{ kind: 'letter', letter: 'approved' }]);
  expect(kinds(row(procedure, '7'))).toEqual(['specVerification', 'handover']);
  expect(end(branch(row(procedure, '7')).ya)).toBe('completed');
  expect(row(procedure, '8')).toMatchObject({ performer: 'dcStaff', duration: { amount: 1, unit: 'hari' }, actions: [{ kind: 'letter', letter: 'noCapacity' }], next: { end: 'noCapacity' } });
  const used = new Set(procedure.activities.flatMap(kinds));
  for (const absent of ['installation', 'deviceDelivery', 'applicationForm'] as const) expect(used.has(absent)).toBe(false);
});

test('jateng backup: planned, run, then run on its schedule until the SKPD asks to stop', () => {
  const procedure = getProfile('jateng').procedures.find((p) => p.id === 'backup')!;
  expect(procedure.activities.map((a) => [a.no, kinds(a)])).toEqual([
    ['1', ['disposition']],
    ['2', ['backupPlan']],
    ['3', ['backupRun']],
    ['4', ['task']],
    ['5', ['backupRun']],
    ['6', ['disposition']],
    ['7', ['backupStop']],
    ['8', ['letter']],
  ]);
  expect(branch(row(procedure, '4'))).toMatchObject({ answer: 'backupToContinue', ya: { goto: '5' }, tidak: { goto: '6' } });
  expect(row(procedure, '5').next).toEqual({ goto: '4' });
  expect(row(procedure, '6').performer).toBe('kadis');
  expect(row(procedure, '8').actions[0]!.letter).toBe('backupStopped');
});

test('jateng restore: the plan approved, the restore, recovery on failure, the confirmation', () => {
  const procedure = getProfile('jateng').procedures.find((p) => p.id === 'restore')!;
  expect(procedure.activities.map((a) => [a.no, kinds(a)])).toEqual([
    ['1', ['disposition']],
    ['2', ['clarification']],
    ['3', ['approval']],
    ['4', ['restoreRun']],
    ['5', ['decision']],
    ['6', ['restoreRun']],
    ['7', ['restoreReport', 'letter']],
  ]);
  expect(row(procedure, '3').actions[0]!.by).toBe('kabid');
  expect(end(branch(row(procedure, '3')).tidak)).toBe('rejected');
  expect(branch(row(procedure, '5'))).toMatchObject({ ya: { goto: '7' }, tidak: { goto: '6' } });
  expect(row(procedure, '6').next).toEqual({ goto: '7' });
  expect(row(procedure, '7').actions[1]!.letter).toBe('restoreResult');
});

test('sumbar: the SOP as written: power from Subbagian Umum, reply letter both ways, Tim Teknis assign the IP, no BAST', () => {
  const sumbar = getProfile('sumbar');
  const procedure = colocation(sumbar);
  expect(procedure.activities.map((a) => a.no)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
  expect(row(procedure, '1')).toMatchObject({ performer: 'applicant', duration: { amount: 1, unit: 'hari' }, actions: [] });
  expect(row(procedure, '2').actions.map((a) => [a.kind, a.by])).toEqual([['disposition', 'kadis'], ['disposition', 'kabid'], ['disposition', 'pranataKomputer']]);
  expect(row(procedure, '3').actions.map((a) => [a.kind, a.by])).toEqual([['capacityCheck', 'helpdesk'], ['powerCheck', 'generalAffairs']]);
  expect(sumbar.roles.generalAffairs?.title).toBe('Subbagian Umum');
  expect(sumbar.roles.technicalTeam).toEqual({ title: 'Tim Teknis', superior: 'pranataKomputer' });
  expect(sumbar.roles.dcStaff).toBeUndefined();
  for (const no of ['3', '4', '5']) expect(row(procedure, no).next).toBeUndefined();
  expect(row(procedure, '5').actions).toMatchObject([{ kind: 'task', by: 'kadis' }]);
  expect(row(procedure, '6').actions.map((a) => a.letter ?? a.kind)).toEqual(['task', 'replyLetter']);
  expect(branch(row(procedure, '6'))).toMatchObject({ answer: 'capacityAvailable', ya: { goto: '7' }, tidak: { end: 'noCapacity' } });
  expect(row(procedure, '7').actions.map((a) => [a.kind, a.by])).toEqual([['applicationForm', 'applicant'], ['deviceDelivery', 'helpdesk']]);
  expect(row(procedure, '9').actions).toMatchObject([{ kind: 'installation', by: 'technicalTeam' }]);
  expect(row(procedure, '10').actions).toMatchObject([{ kind: 'task', by: 'helpdesk' }]);
  const used = new Set(procedure.activities.flatMap(kinds));
  for (const absent of ['handover', 'approval'] as const) expect(used.has(absent)).toBe(false);
  expect(procedure.activities.flatMap((a) => a.actions).filter((a) => a.letter === 'completionReport')).toEqual([]);
  expect(row(procedure, '12').next).toMatchObject({ end: 'completed' });
});

describe('a broken profile fails validation, naming the problem', () => {
  const issues = (profile: unknown): string[] => {
    const result = profileSchema.safeParse(profile);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const rows = (profile: Profile, p = 0) => profile.procedures[p]!.activities;

  test('a decision target that is no row', () => {
    const broken = clone('cirebon');
    rows(broken)[2]!.next = { question: 'Kapasitas masih tersedia?', answer: 'action', ya: { goto: '10' }, tidak: { end: 'noCapacity', reason: 'Kapasitas tidak tersedia' } };
    expect(issues(broken)).toEqual(['procedures.0.activities.2.next.ya: no activity 10']);
  });

  test('a return that redoes an action the row does not have', () => {
    const broken = clone('ciamis');
    rows(broken)[5]!.next = { question: 'Spesifikasi server sesuai?', answer: 'action', ya: { goto: '7' }, tidak: { goto: '5', only: ['deviceDelivery'] } };
    expect(issues(broken)).toEqual(['procedures.0.activities.5.next.tidak: activity 5 has no deviceDelivery action']);
  });

  test('a jump to a row of another procedure', () => {
    const broken = clone('jateng');
    rows(broken, 1)[4]!.next = { goto: '9' };
    expect(issues(broken)).toEqual(['procedures.1.activities.4.next: no activity 9']);
  });

  test('a row performed by a role the profile does not define', () => {
    const broken = clone('cirebon');
    rows(broken)[2]!.performer = 'helpdesk';
    expect(issues(broken)).toContain('procedures.0.activities.2.performer: role helpdesk is not defined in roles');
  });

  test('an action by a role the profile does not define', () => {
    const broken = clone('sumbar');
    rows(broken)[2]!.actions[1]!.by = 'dcStaff';
    expect(issues(broken)).toEqual(['procedures.0.activities.2.actions.1: role dcStaff is not defined in roles']);
  });

  test('a role that is no role code', () => {
    const broken = clone('cirebon') as unknown as { procedures: { activities: { performer: string }[] }[] };
    broken.procedures[0]!.activities[2]!.performer = 'satpam';
    expect(issues(broken).join('\n')).toMatch(/^procedures\.0\.activities\.2\.performer: /m);
  });

  test('a letter that names no letter, and a task that names one', () => {
    const broken = clone('kaltim');
    delete rows(broken)[5]!.actions[0]!.letter;
    rows(broken)[6]!.actions[0]!.letter = 'approved';
    const message = 'a letter action names its letter, and only it does';
    expect(issues(broken)).toEqual([`procedures.0.activities.5.actions.0: ${message}`, `procedures.0.activities.6.actions.0: ${message}`]);
  });

  test('an action that reads a colocation request, in a back up procedure', () => {
    const broken = clone('jateng');
    rows(broken, 1)[2]!.actions[0]!.kind = 'handover';
    expect(issues(broken)).toEqual(['procedures.1.activities.2.actions.0: handover needs a colocation request; this procedure is opened by a backup request']);
  });

  test('two rows with the same number', () => {
    const broken = clone('jateng');
    rows(broken, 2)[5]!.no = '5';
    expect(issues(broken)).toContain('procedures.2.activities: activity numbers must be unique');
  });

  test('a row other than the submission without an action', () => {
    const broken = clone('cirebon');
    rows(broken)[3]!.actions = [];
    expect(issues(broken)).toEqual(['procedures.0.activities.3.actions: only the first (submission) row may have no action']);
  });

  test('two procedures with the same id', () => {
    const broken = clone('jateng');
    broken.procedures[2]!.id = 'backup';
    expect(issues(broken)).toContain('procedures.2.id: duplicate procedure id backup');
  });

  test('a capacity dimension no SOP counts, a time unit no SOP uses', () => {
    const broken = clone('ciamis') as unknown as { capacity: { dimensions: string[] }; procedures: { activities: { duration: { unit: string } }[] }[] };
    broken.capacity.dimensions.push('server');
    broken.procedures[0]!.activities[1]!.duration.unit = 'minggu';
    expect(issues(broken).map((i) => i.split(':')[0])).toEqual(['capacity.dimensions.6', 'procedures.0.activities.1.duration.unit']);
  });

  test('a profile without the Kabid', () => {
    const broken = clone('kaltim');
    delete broken.roles.kabid;
    expect(issues(broken)).toContain('roles.kabid: role kabid is not defined in roles');
  });

  test('a profile in the old format (a list of steps)', () => {
    const { procedures, ...rest } = clone('cirebon');
    expect(issues({ ...rest, steps: procedures[0]!.activities }).join('\n')).toMatch(/procedures[\s\S]*steps/);
  });
});

describe('registry', () => {
  test('an unknown id lists the known ones', () => {
    expect(() => getProfile('papua')).toThrow(UnknownProfileError);
    expect(() => getProfile('papua')).toThrow(/papua.*ciamis, cirebon, jateng, kaltim, sumbar/);
  });

  test('profiles are cached and frozen', () => {
    expect(getProfile('cirebon')).toBe(getProfile('cirebon'));
    expect(() => {
      (colocation(getProfile('cirebon')).activities as Activity[]).pop();
    }).toThrow(TypeError);
  });

  describe('from a directory', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'kolokasi-profiles-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    test('reads only *.json at the top level', () => {
      writeFileSync(path.join(dir, 'cirebon.json'), JSON.stringify(getProfile('cirebon')));
      mkdirSync(path.join(dir, 'calendar'));
      writeFileSync(path.join(dir, 'calendar', 'cuti-bersama.json'), '{"2026": []}');
      writeFileSync(path.join(dir, 'README.md'), '# not a profile');
      expect([...loadProfilesFrom(dir).keys()]).toEqual(['cirebon']);
    });

    test('a bad file is an error naming the file and the zod issues', () => {
      const broken = clone('cirebon') as unknown as { procedures: { activities: { performer: string }[] }[] };
      broken.procedures[0]!.activities[3]!.performer = 'satpam';
      writeFileSync(path.join(dir, 'cirebon.json'), JSON.stringify(broken));
      expect(() => loadProfilesFrom(dir)).toThrow(InvalidProfileError);
      expect(() => loadProfilesFrom(dir)).toThrow(/cirebon\.json[\s\S]*procedures\.0\.activities\.3\.performer/);
    });

    test('a file whose id differs from its name is refused', () => {
      writeFileSync(path.join(dir, 'indramayu.json'), JSON.stringify(getProfile('cirebon')));
      expect(() => loadProfilesFrom(dir)).toThrow(/indramayu\.json[\s\S]*must match the file name/);
    });

    test('unreadable JSON names the file', () => {
      writeFileSync(path.join(dir, 'ciamis.json'), '{ "id": ');
      expect(() => loadProfilesFrom(dir)).toThrow(/ciamis\.json[\s\S]*not readable JSON/);
    });
  });
});
