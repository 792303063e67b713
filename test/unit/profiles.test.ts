import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getProfile, InvalidProfileError, listProfiles, loadProfilesFrom, UnknownProfileError } from '../../shared/profile/registry';
import { Profile, ProfileStep, profileSchema, SopDuration } from '../../shared/profile/schema';

const ids = ['ciamis', 'cirebon', 'jateng', 'kaltim', 'sumbar'];

/**
 * Each SOP's steps and their waktu, transcribed from the seed files (/work/shared/seeds) by hand,
 * independently of the profiles: the traceability from an SOP row to what the workflow times.
 * null = no time: the SOP gives none, or (marked) the workflow deliberately does not time it.
 */
const sopTimes: Record<string, [string, string | null][]> = {
  // 000_2a1232731932b13f.txt
  cirebon: [['1', null], ['2', '15 menit'], ['3', '1 jam'], ['4', '15 menit'], ['5', '15 menit'], ['6', '15 menit'], ['7', '1 hari'], ['8', '1 hari'], ['9', '15 menit']],
  // 001_da9bd901a6274e3b.txt
  ciamis: [['1', null], ['2', '15 menit'], ['3', '1 jam'], ['4', '1 hari'], ['5', '15 menit'], ['6', '1 jam'], ['7', '15 menit']],
  // 002_d1f3f98f8bf34b54.txt: a narrative procedure, only "4 hari kerja" for the whole service
  kaltim: [['1', null], ['2', null], ['3', null], ['4', null], ['5', null], ['6', null], ['7', null], ['8', null], ['9', null]],
  // 003_5b8a7f2941ec8f4a.txt: rows 5 and 6 split by the capacity outcome; 13 "Selesai" is no step
  sumbar: [
    ['1', null], // the SOP says 1 hari (Srt. masuk -> Disposisi srt. Dinas); the letter is recorded at submission
    ['2', '1 hari'], ['3', '1 jam'], ['4', '1 hari'],
    ['5a', '1 hari'], ['5b', '1 hari'], ['6a', '1 hari'], ['6b', '1 hari'],
    ['7', '1 hari'], ['8', '1 jam'], ['9', '2 hari'], ['10', '1 hari'], ['11', '1 hari'], ['12', '1 hari'],
  ],
  // 004_07d95f00635ed4f1.txt, Prosedur Serah Terima Colocation; the device delivery is no SOP row
  jateng: [['1', '1 jam'], ['2', '3 jam'], ['3', '2 jam'], ['4', '2 jam'], ['5', '3 jam'], ['6', '3 jam'], ['7 (prasyarat)', null], ['7', '2 jam'], ['8', '1 hari']],
};

const sources: Record<string, string> = {
  cirebon: '000_2a1232731932b13f.txt',
  ciamis: '001_da9bd901a6274e3b.txt',
  kaltim: '002_d1f3f98f8bf34b54.txt',
  sumbar: '003_5b8a7f2941ec8f4a.txt',
  jateng: '004_07d95f00635ed4f1.txt',
};
const codes: Record<string, string> = { cirebon: 'CRB', ciamis: 'CMS', kaltim: 'KTM', sumbar: 'SMB', jateng: 'JTG' };

const time = (d: SopDuration | undefined): string | null => (d ? `${d.amount} ${d.unit}` : null);
const has = (step: ProfileStep, kind: string, by?: string): boolean =>
  step.actions.some((a) => a.kind === kind && (by === undefined || (a.by ?? step.performer) === by));
const clone = (id: string): Profile => structuredClone(getProfile(id)) as Profile;

test('all five profiles load and validate', () => {
  expect(listProfiles().map((p) => p.id)).toEqual(ids);
  for (const profile of listProfiles()) {
    expect(profileSchema.safeParse(profile).success).toBe(true);
    expect(profile.sop.source).toBe(sources[profile.id]);
    expect(profile.code).toBe(codes[profile.id]);
    expect(profile.version).toBe(1);
  }
});

test.each(ids)('%s: every SOP step is there with its waktu', (id) => {
  const profile = getProfile(id);
  expect(profile.steps.map((s) => [s.sopStep, time(s.duration)])).toEqual(sopTimes[id]);
});

test.each(ids)('%s: calendar, SLA defaults and escalation chain', (id) => {
  const profile = getProfile(id);
  expect(profile.calendar).toEqual({ workingDays: [1, 2, 3, 4, 5], workingHours: { start: '08:00', end: '16:00' }, holidays: { country: 'ID' }, extraNonWorkingDates: {} });
  expect(profile.timeZone).toBe(id === 'kaltim' ? 'WITA' : 'WIB');
  expect(profile.sla.escalateAfter).toEqual({ amount: 1, unit: 'hari' });
  expect(profile.sla.applicantGrace).toEqual({ amount: 5, unit: 'hari' });
  expect(profile.roles.applicant?.superior).toBeUndefined();
  expect(profile.roles.kabid?.superior).toBe('kadis');
  if (profile.roles.kasi) expect(profile.roles.kasi.superior).toBe('kabid');
  if (profile.roles.helpdesk) expect(profile.roles.helpdesk.superior).toBe('pranataKomputer');
  if (profile.roles.pranataKomputer) expect(profile.roles.pranataKomputer.superior).toBe('kabid');
  // Sumbar has no Kasi: its Tim Teknis escalate to the Pranata Komputer.
  expect(profile.roles.dcStaff?.superior).toBe(id === 'sumbar' ? 'pranataKomputer' : 'kasi');
  // Only roles that act, plus superiors they escalate to.
  const used = new Set<string>(profile.steps.flatMap((s) => [s.performer, ...s.actions.map((a) => a.by ?? s.performer)]));
  for (const role of [...used]) {
    const superior = profile.roles[role as keyof Profile['roles']]?.superior;
    if (superior) used.add(superior);
  }
  expect(Object.keys(profile.roles).sort()).toEqual([...used].sort());
});

test.each(ids)('%s: the request letter opens the case; the capacity check comes before any branch', (id) => {
  const profile = getProfile(id);
  const first = profile.steps[0]!;
  if (id === 'jateng') {
    expect(first).toMatchObject({ performer: 'kadis', duration: { amount: 1, unit: 'jam' } });
    expect(first.actions.map((a) => a.kind)).toEqual(['disposition']);
  } else {
    expect(first.performer).toBe('applicant');
    expect(first.duration).toBeUndefined();
    expect(first.actions).toEqual([{ kind: 'task', by: 'applicant', label: 'Surat permohonan diajukan' }]);
  }
  const check = profile.steps.findIndex((s) => has(s, 'capacityCheck'));
  expect(profile.steps.slice(0, check + 1).every((s) => s.onlyIf === undefined)).toBe(true);
  const returnTo = profile.steps.find((s) => s.id === profile.branches.specMismatchReturnsTo)!;
  expect(has(returnTo, 'deviceDelivery')).toBe(true);
  expect(profile.steps.indexOf(returnTo)).toBeLessThan(profile.steps.findIndex((s) => has(s, 'specVerification')));
  for (const step of profile.steps) {
    if (has(step, 'deviceDelivery')) expect(step.performer).toBe('applicant');
    for (const action of step.actions.filter((a) => a.kind === 'deviceDelivery')) expect(action.by).not.toBe('applicant');
  }
});

test.each(['cirebon', 'ciamis', 'kaltim'])('%s: no capacity ends the process', (id) => {
  const profile = getProfile(id);
  const check = profile.steps.findIndex((s) => has(s, 'capacityCheck'));
  expect(check).toBeGreaterThan(0);
  expect(profile.steps.slice(check + 1).every((s) => s.onlyIf === 'capacityAvailable')).toBe(true);
  expect(profile.steps.some((s) => s.onlyIf === 'capacityUnavailable')).toBe(false);
});

test('cirebon and ciamis follow their SOP rows: three actions in one row, form and delivery in one', () => {
  const cirebon = getProfile('cirebon');
  const ciamis = getProfile('ciamis');
  const kinds = (p: Profile, sopStep: string) => p.steps.find((s) => s.sopStep === sopStep)!.actions.map((a) => a.kind);
  expect(kinds(cirebon, '8')).toEqual(['specVerification', 'installation', 'handover']);
  expect(kinds(cirebon, '6')).toEqual(['notifyApplicant']);
  expect(kinds(cirebon, '9')).toEqual(['completionReport']);
  expect(kinds(ciamis, '4')).toEqual(['applicationForm', 'deviceDelivery']);
  expect(kinds(ciamis, '6')).toEqual(['specVerification', 'installation', 'handover']);
  expect(ciamis.steps.find((s) => s.sopStep === '6')!.duration).toEqual({ amount: 1, unit: 'jam' });
  expect(ciamis.roles).toMatchObject({ kabid: { title: 'Kepala Bidang Persandian dan Telematika' }, kasi: { title: 'Kasi Telematika' }, dcStaff: { title: 'Pelaksana' } });
});

test('kaltim: the whole service within 4 working days, WITA, no per-step times', () => {
  const kaltim = getProfile('kaltim');
  expect(kaltim.sla.total).toEqual({ amount: 4, unit: 'hari' });
  expect(kaltim.timeZone).toBe('WITA');
  expect(kaltim.steps.every((s) => s.duration === undefined)).toBe(true);
  expect(kaltim.steps.slice(1).every((s) => /4 hari kerja/.test(s.note ?? ''))).toBe(true);
  expect(kaltim.roles).toMatchObject({ kabid: { title: 'Administrator Bidang TIK' }, kasi: { title: 'Pengawas Infrastruktur TIK' }, dcStaff: { title: 'Pengelola & Pemeriksa TIK' } });
  expect(kaltim.steps.find((s) => has(s, 'approval'))!.actions[0]!.by).toBe('kabid');
});

test('jateng: Kadis approval after the Kabid, a no-capacity letter, a device delivery without time', () => {
  const jateng = getProfile('jateng');
  const approval = jateng.steps.find((s) => s.sopStep === '5')!;
  expect(approval.actions.map((a) => [a.kind, a.by])).toEqual([['approval', 'kabid'], ['approval', 'kadis']]);
  expect(jateng.steps.find((s) => s.sopStep === '2')!.actions[0]!.kind).toBe('clarification');
  expect(jateng.steps.find((s) => s.sopStep === '3')!.actions.map((a) => a.kind)).toEqual(['task']);
  expect(jateng.steps.find((s) => s.sopStep === '4')!.actions.map((a) => a.kind)).toEqual(['capacityCheck']);

  const unavailable = jateng.steps.filter((s) => s.onlyIf === 'capacityUnavailable');
  expect(unavailable.map((s) => s.sopStep)).toEqual(['8']);
  expect(unavailable[0]!.actions.some((a) => a.kind === 'notifyApplicant' && a.notification === 'noCapacity')).toBe(true);
  expect(jateng.steps.filter((s) => ['5', '6', '7 (prasyarat)', '7'].includes(s.sopStep)).every((s) => s.onlyIf === 'capacityAvailable')).toBe(true);

  const delivery = jateng.steps.find((s) => s.id === 'device-delivery')!;
  expect(delivery).toMatchObject({ sopStep: '7 (prasyarat)', performer: 'applicant', actions: [{ kind: 'deviceDelivery', by: 'dcStaff' }] });
  expect(delivery.duration).toBeUndefined();
  expect(delivery.note).toMatch(/no time/);
  expect(jateng.steps.find((s) => s.sopStep === '7')!.actions.map((a) => a.kind)).toEqual(['specVerification', 'installation', 'handover']);
  expect(jateng.steps.some((s) => has(s, 'applicationForm'))).toBe(false);
});

test('sumbar: the reply letter in both outcomes, Kadis signature as approval, the technical team installs', () => {
  const sumbar = getProfile('sumbar');
  const bySop = (sopStep: string) => sumbar.steps.find((s) => s.sopStep === sopStep)!;
  expect(bySop('2').actions.map((a) => a.by)).toEqual(['kadis', 'kabid', 'pranataKomputer']);
  expect(bySop('3').actions).toMatchObject([{ kind: 'capacityCheck', by: 'helpdesk' }]);
  expect(bySop('3').actions[0]!.label + bySop('3').note).toMatch(/Subbagian Umum/);
  for (const shared of ['3', '4']) expect(bySop(shared).onlyIf).toBeUndefined();
  expect(bySop('5a')).toMatchObject({ onlyIf: 'capacityAvailable', actions: [{ kind: 'approval', by: 'kadis' }] });
  expect(bySop('5b')).toMatchObject({ onlyIf: 'capacityUnavailable', actions: [{ kind: 'task', by: 'kadis' }] });
  expect(bySop('6a').actions.at(-1)).toMatchObject({ kind: 'notifyApplicant', notification: 'replyLetter' });
  expect(bySop('6b').actions.at(-1)).toMatchObject({ kind: 'notifyApplicant', notification: 'noCapacity' });
  expect(bySop('6b').onlyIf).toBe('capacityUnavailable');
  for (const n of ['7', '8', '9', '10', '11', '12']) expect(bySop(n).onlyIf).toBe('capacityAvailable');
  expect(bySop('7').actions.map((a) => [a.kind, a.by])).toEqual([['applicationForm', 'applicant'], ['deviceDelivery', 'helpdesk']]);
  expect(bySop('8').actions).toMatchObject([{ kind: 'specVerification', by: 'helpdesk' }]);
  expect(bySop('9').actions).toMatchObject([{ kind: 'installation', by: 'dcStaff' }]);
  expect(bySop('10').actions.map((a) => a.kind)).toEqual(['handover', 'task']);
  expect(bySop('12').actions.at(-1)!.kind).toBe('completionReport');
  expect(sumbar.roles.generalAffairs).toBeUndefined();
});

describe('a broken profile fails validation, naming the problem', () => {
  const issues = (profile: unknown): string[] => {
    const result = profileSchema.safeParse(profile);
    expect(result.success).toBe(false);
    return result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  test('a step performed by an unknown role', () => {
    const broken = clone('cirebon') as unknown as { steps: { performer: string }[] };
    broken.steps[2]!.performer = 'satpam';
    expect(issues(broken).join('\n')).toMatch(/^steps\.2\.performer: .*kabid/m);
  });

  test('a step performed by a role the profile does not define', () => {
    const broken = clone('cirebon');
    broken.steps[2]!.actions[0]!.by = 'helpdesk';
    expect(issues(broken)).toContain('steps.2: role helpdesk is not defined in roles');
  });

  test('a step without a time unit the SOPs use', () => {
    const broken = clone('ciamis') as unknown as { steps: { duration: { unit: string } }[] };
    broken.steps[1]!.duration.unit = 'minggu';
    expect(issues(broken).join('\n')).toMatch(/^steps\.1\.duration\.unit: /m);
  });

  test('a mismatch return to a step without a device delivery', () => {
    const broken = clone('jateng');
    broken.branches.specMismatchReturnsTo = 'handover';
    expect(issues(broken)).toContain('branches.specMismatchReturnsTo: must name a step with a deviceDelivery action');
  });

  test('a profile without the Kabid', () => {
    const broken = clone('kaltim');
    delete broken.roles.kabid;
    expect(issues(broken)).toContain('roles.kabid: role kabid is required in every profile');
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
      (getProfile('cirebon').steps as ProfileStep[]).pop();
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
      const broken = clone('cirebon') as unknown as { steps: { performer: string }[] };
      broken.steps[3]!.performer = 'satpam';
      writeFileSync(path.join(dir, 'cirebon.json'), JSON.stringify(broken));
      expect(() => loadProfilesFrom(dir)).toThrow(InvalidProfileError);
      expect(() => loadProfilesFrom(dir)).toThrow(/cirebon\.json[\s\S]*steps\.3\.performer/);
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
