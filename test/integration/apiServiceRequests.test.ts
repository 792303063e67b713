// Jateng's back up and restore procedures driven over HTTP on the real stack: the submissions, the
// SKPD's letter asking to stop a back up service (and how it is refused when it cannot apply), and
// decisions on a case whose profile file changed on disk after it started: the case keeps the roles
// it started with.
import { exampleBackupSubmission, exampleRestoreSubmission, jatengBackupStop, jatengBackupWalkthrough, jatengRestoreWalkthrough, WalkthroughDecision } from '../../api/examples';
import { decisionSegments } from '../../api/decisionKinds';
import { Counter } from '../../shared/db/counter';
import { RequestRecord } from '../../shared/db/requestRecord';
import * as registry from '../../shared/profile/registry';
import type { Profile } from '../../shared/profile/schema';
import { waitForEmails } from '../support/mailbox';
import { ApiHarness, eventually, OTHER_UNIT, startApiHarness, TestUser } from './support/apiHarness';

// The profile "on disk" as the registry reads it; a test swaps it for an edited one mid-case.
let onDisk: ((id: string) => Profile) | undefined;
jest.mock('../../shared/profile/registry', () => {
  const actual = jest.requireActual<typeof registry>('../../shared/profile/registry');
  return { ...actual, getProfile: (id: string) => (onDisk ?? actual.getProfile)(id) };
});

const UNIT = 'Bappeda';
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_service_requests', { applicantUnit: UNIT, profileId: 'jateng' });
});
afterAll(() => h?.close());
afterEach(() => {
  onDisk = undefined;
});

const today = new Date().toISOString().slice(0, 10);
const backupBody = () => ({ ...structuredClone(exampleBackupSubmission), letter: { ...exampleBackupSubmission.letter, letterDate: today } });
const restoreBody = () => ({ ...structuredClone(exampleRestoreSubmission), letter: { ...exampleRestoreSubmission.letter, letterDate: today } });
const stopBody = (letterNumber = '005/300/Bappeda/2026') => ({ letter: { letterNumber, letterDate: today, subject: 'Permohonan penghentian back up SIPD' }, reason: 'Aplikasi SIPD dipindahkan ke pusat data nasional' });

async function submit(path: string, body: unknown) {
  const submitted = await h.as('applicant')('POST', path, { body });
  expect(submitted.status).toBe(201);
  return submitted;
}

async function decide(no: string, step: WalkthroughDecision) {
  await eventually(() => h.as('kabid')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === step.kind, `${no} to wait for ${step.kind}`);
  const response = await h.as(step.role as TestUser)('POST', `/requests/${no}/decisions/${decisionSegments[step.kind]}`, { body: step.body(no) });
  expect([step.kind, response.status, response.body.error]).toEqual([step.kind, 200, undefined]);
  return response;
}

/** A back up service that has run once and now waits for its next scheduled run. */
async function runningBackup(): Promise<string> {
  const no: string = (await submit('/requests/backup', backupBody())).body.requestNumber;
  for (const step of jatengBackupWalkthrough) await decide(no, step);
  await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.backup?.nextRunAt && !r.body.waitingFor, `${no} to wait for its schedule`);
  return no;
}

test('a back up request opens the back up procedure, numbered JTG-BU, and answers once the Kadis is to dispose', async () => {
  const submitted = await submit('/requests/backup', backupBody());
  const no: string = submitted.body.requestNumber;
  expect(no).toMatch(/^JTG-BU-\d{4}-\d{4,6}$/);
  expect(submitted.body).toMatchObject({ workflowId: `backup-${no}`, procedureId: 'backup', status: 'inProgress', waitingFor: { kind: 'disposition', role: 'kadis', roleTitle: 'Kepala Dinas (KADIN)' } });

  const read = await h.as('applicant')('GET', `/requests/${no}`);
  expect(read.body).toMatchObject({ procedureId: 'backup', procedureTitle: 'Permintaan Back up', domain: backupBody().system, submission: { kind: 'backup', unitName: UNIT, scope: backupBody().scope } });
  expect(read.body.links.stop).toEqual({ method: 'POST', href: `/requests/${no}/stop` });
  const inbox = await h.as('kadis')('GET', '/inbox');
  expect(inbox.body.items).toContainEqual(expect.objectContaining({ requestNumber: no, procedureId: 'backup', todo: expect.objectContaining({ kind: 'disposition' }) }));
  const listed = await h.as('kadis')('GET', '/requests?procedure=backup');
  expect(listed.body.items.map((i: { requestNumber: string }) => i.requestNumber)).toContain(no);
});

test('a back up service runs until the SKPD asks to stop it, then staff stop it and the case completes', async () => {
  const no = await runningBackup();
  const waiting = await h.as('applicant')('GET', `/requests/${no}`);
  expect(waiting.body).toMatchObject({ status: 'inProgress', waitingFor: null, backup: { runs: 1, plan: { schedule: { every: 1, unit: 'minggu' } } } });

  const stop = await h.as('applicant')('POST', `/requests/${no}/stop`, { body: stopBody(), headers: { 'Idempotency-Key': `stop-${no}` } });
  expect(stop.status).toBe(200);
  expect(stop.body).toMatchObject({ duplicate: false, case: { requestNumber: no, procedureId: 'backup' } });
  const resent = await h.as('applicant')('POST', `/requests/${no}/stop`, { body: stopBody(), headers: { 'Idempotency-Key': `stop-${no}` } });
  expect(resent.status).toBe(200);
  expect(resent.body.duplicate).toBe(true);

  for (const step of jatengBackupStop) await decide(no, step);
  const done = await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.status === 'completed', `${no} to complete`);
  expect(done.body.backup).toMatchObject({ runs: 1, stopRequested: { letterNumber: '005/300/Bappeda/2026' }, stoppedAt: expect.any(String) });
  expect(done.body.timeline.map((d: { kind: string }) => d.kind)).toEqual(['disposition', 'backupPlan', 'backupRun', 'task', 'requestStop', 'task', 'disposition', 'backupStop']);
  expect(done.body.links.stop).toBeUndefined();
  // The letter to the SKPD gives the last run as a person reads a date, not as an ISO instant.
  const [letter] = await waitForEmails((e) => e.subject === `[${no}] Pelaksanaan back up dihentikan`);
  expect(letter!.text).toMatch(/Back up terakhir: (Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB/);
});

test('a stop letter is refused with the usual error shape when it cannot apply, and changes nothing', async () => {
  const no = await runningBackup();
  const stopAs = (user: TestUser, body: unknown = stopBody(), headers: Record<string, string> = {}) => h.as(user)('POST', `/requests/${no}/stop`, { body, headers });

  const byStaff = await stopAs('kabid');
  expect(byStaff.status).toBe(403);
  expect(byStaff.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('pemohon') });
  expect((await stopAs('admin')).status).toBe(403);
  expect((await stopAs('otherApplicant')).body).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });

  const future = await stopAs('applicant', { ...stopBody(), letter: { ...stopBody().letter, letterDate: '2999-01-01' }, reason: 'ok', password: 'rahasia' });
  expect(future.status).toBe(400);
  expect(future.body.error).toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'letter.letterDate': 'tanggal surat tidak boleh di masa depan', reason: 'alasan minimal 5 karakter', password: expect.stringContaining('kolom tidak dikenal') } });

  const restore: string = (await submit('/requests/restore', restoreBody())).body.requestNumber;
  const notBackup = await h.as('applicant')('POST', `/requests/${restore}/stop`, { body: stopBody() });
  expect(notBackup.status).toBe(409);
  expect(notBackup.body.error).toMatchObject({ code: 'OUT_OF_TURN', message: expect.stringContaining('bukan layanan back up') });

  const unchanged = await h.as('applicant')('GET', `/requests/${no}`);
  expect(unchanged.body.backup.stopRequested).toBeUndefined();
  expect(unchanged.body.timeline.map((d: { kind: string }) => d.kind)).not.toContain('requestStop');

  expect((await stopAs('applicant')).status).toBe(200);
  const again = await stopAs('applicant', stopBody('005/301/Bappeda/2026'));
  expect(again.status).toBe(409);
  expect(again.body.error).toMatchObject({ code: 'OUT_OF_TURN', message: expect.stringContaining('005/300/Bappeda/2026') });

  const ended: string = (await submit('/requests/backup', backupBody())).body.requestNumber;
  const withdrawn = await h.as('applicant')('POST', `/requests/${ended}/withdrawal`, { body: { reason: 'Back up dilakukan sendiri oleh unit' } });
  expect(withdrawn.status).toBe(200);
  const closed = await h.as('applicant')('POST', `/requests/${ended}/stop`, { body: stopBody() });
  expect(closed.status).toBe(409);
  expect(closed.body.error.code).toBe('CLOSED');
});

test('a restore request runs from disposition to the confirmation form, numbered JTG-RS', async () => {
  const submitted = await submit('/requests/restore', restoreBody());
  const no: string = submitted.body.requestNumber;
  expect(no).toMatch(/^JTG-RS-\d{4}-\d{4,6}$/);
  expect(submitted.body).toMatchObject({ workflowId: `restore-${no}`, procedureId: 'restore', waitingFor: { kind: 'disposition', role: 'kadis' } });
  expect(submitted.body.links.stop).toBeUndefined();

  for (const step of jatengRestoreWalkthrough) await decide(no, step);
  const done = await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.status === 'completed', `${no} to complete`);
  expect(done.body).toMatchObject({ procedureId: 'restore', restore: { runs: [{ restoredFrom: 'sipd_perencanaan_20261113.dump' }] }, handover: null, installation: null });
  expect(done.body.timeline.map((d: { sopStep: string; kind: string }) => `${d.sopStep} ${d.kind}`)).toEqual(['1 disposition', '2 clarification', '3 approval', '4 restoreRun', '5 decision', '7 restoreReport']);
});

test('back up and restore bodies are checked like the colocation one: each wrong field named in Bahasa Indonesia, nothing numbered', async () => {
  const counters = await Counter.find().lean();
  const records = await RequestRecord.countDocuments();
  const body = { ...backupBody(), unitName: 'B', contact: { name: 'Rina', contactNumber: 'telepon' }, scope: '', applicantEmail: 'bukan-email', extra: 1 };
  const backup = await h.as('applicant')('POST', '/requests/backup', { body });
  expect(backup.status).toBe(400);
  expect(backup.body.error).toMatchObject({
    code: 'VALIDATION_FAILED',
    fields: { unitName: 'minimal 2 karakter', 'contact.contactNumber': 'nomor kontak tidak valid', scope: 'minimal 3 karakter', applicantEmail: expect.any(String), extra: expect.stringContaining('kolom tidak dikenal') },
  });
  const { backupRef: _ref, ...withoutRef } = restoreBody();
  const restore = await h.as('applicant')('POST', '/requests/restore', { body: { ...withoutRef, reason: 'x' } });
  expect(restore.status).toBe(400);
  expect(restore.body.error.fields).toEqual({ backupRef: 'wajib diisi', reason: 'alasan minimal 5 karakter' });

  const foreign = await h.as('applicant')('POST', '/requests/backup', { body: { ...backupBody(), unitName: OTHER_UNIT } });
  expect(foreign.status).toBe(403);
  expect(foreign.body.error.message).toContain(UNIT);
  expect((await h.as('kasi')('POST', '/requests/restore', { body: restoreBody() })).status).toBe(403);

  expect(await Counter.find().lean()).toEqual(counters);
  expect(await RequestRecord.countDocuments()).toBe(records);
});

test('a decision on a case whose profile file changed on disk follows the roles the case started with', async () => {
  const no: string = (await submit('/requests/restore', restoreBody())).body.requestNumber;
  // The file now has no Kadis: his rows went to the Kabid, under another title.
  const pinned = jest.requireActual<typeof registry>('../../shared/profile/registry').getProfile('jateng');
  const edited = structuredClone(pinned) as Profile;
  edited.version += 1;
  delete edited.roles.kadis;
  edited.roles.kabid = { title: 'Kepala Bidang (baru)' };
  for (const procedure of edited.procedures) for (const row of procedure.activities) if (row.performer === 'kadis') row.performer = 'kabid';
  onDisk = (id) => (id === 'jateng' ? edited : pinned);

  const byKabid = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Menurut profil baru' } });
  expect(byKabid.status).toBe(403);
  expect(byKabid.body.error).toMatchObject({ code: 'FORBIDDEN', waitingFor: { sopStep: '1', role: 'kadis', roleTitle: 'Kepala Dinas (KADIN)' } });

  const byKadis = await h.as('kadis')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Menurut SOP saat diajukan' } });
  expect(byKadis.status).toBe(200);
  expect(byKadis.body.case).toMatchObject({ waitingFor: { kind: 'clarification', role: 'kasi', roleTitle: 'Kasi Infras' } });
  const read = await h.as('kasi')('GET', `/requests/${no}`);
  expect(read.body).toMatchObject({ profileVersion: pinned.version, steps: [expect.objectContaining({ sopStep: '1', performer: 'kadis', performerTitle: 'Kepala Dinas (KADIN)' }), expect.anything()] });
});

test('a deployment whose profile has no back up procedure answers 404 to a back up request', async () => {
  onDisk = (id) => {
    const jateng = jest.requireActual<typeof registry>('../../shared/profile/registry').getProfile(id);
    return { ...jateng, procedures: jateng.procedures.filter((p) => p.request === 'colocation') };
  };
  for (const path of ['/requests/backup', '/requests/restore']) {
    const response = await h.as('applicant')('POST', path, { body: path.endsWith('backup') ? backupBody() : restoreBody() });
    expect([path, response.status]).toEqual([path, 404]);
    expect(response.body).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('tidak memiliki prosedur permintaan') } });
  }
});
