// Bad input over HTTP: a 400 naming each wrong field in Bahasa Indonesia, and nothing started,
// numbered or recorded.
import { Counter } from '../../shared/db/counter';
import { IdempotencyKey } from '../../shared/db/idempotencyKey';
import { RequestNumberClaim } from '../../shared/db/requestNumberClaim';
import { RequestRecord } from '../../shared/db/requestRecord';
import type { Submission } from '../../shared/request';
import { aSubmissionFrom } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

const UNIT = 'Dinas Uji Validasi';
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_validation', { applicantUnit: UNIT });
});
afterAll(() => h?.close());

const submission = (change?: (s: Submission) => void): Submission => aSubmissionFrom(UNIT, change);

let counterAtStart: unknown;
beforeAll(async () => {
  counterAtStart = await Counter.find().lean();
});

async function nothingStarted(): Promise<void> {
  expect(await Counter.find().lean()).toEqual(counterAtStart);
  expect(await RequestNumberClaim.countDocuments()).toBe(0);
  expect(await IdempotencyKey.countDocuments()).toBe(0);
  expect(await RequestRecord.countDocuments()).toBe(0);
}

describe('POST /requests with a bad body', () => {
  test.each([
    ['a NIP whose birth date cannot exist', (s: Submission) => (s.form.nip = '198513322010012003'), { 'form.nip': 'NIP: tanggal lahir (digit 1-8) tidak masuk akal' }],
    ['a NIP with a sex digit other than 1 or 2', (s: Submission) => (s.form.nip = '198503152010013003'), { 'form.nip': 'NIP: digit ke-15 (jenis kelamin) harus 1 atau 2' }],
    ['no servers', (s: Submission) => delete (s as Partial<Submission>).servers, { servers: 'wajib diisi' }],
    ['an empty server list', (s: Submission) => (s.servers = []), { servers: 'minimal 1 butir' }],
    ['a domain with an underscore', (s: Submission) => (s.form.domain = 'simpus_dinkes.example.go.id'), { 'form.domain': 'nama domain atau subdomain tidak valid' }],
    ['a temporary term without its end date', (s: Submission) => (s.form.term = { kind: 'temporary' } as never), { 'form.term.until': 'wajib diisi' }],
    ['an unknown term', (s: Submission) => (s.form.term = { kind: 'selamanya' } as never), { 'form.term.kind': 'harus salah satu dari: permanent, temporary' }],
    ['needs given as text', (s: Submission) => (s.needs.rackUnits = '2U' as never), { 'needs.rackUnits': expect.stringContaining('diharapkan number') }],
  ])('%s: 400 with the field named, nothing started', async (_name, change, fields) => {
    const response = await h.as('applicant')('POST', '/requests', { body: submission(change), headers: { 'Idempotency-Key': `bad-body-${_name.length}-key` } });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), fields } });
    await nothingStarted();
  });

  test('every wrong field is named at once', async () => {
    const response = await h.as('applicant')('POST', '/requests', {
      body: submission((s) => {
        s.form.nip = '12345';
        s.form.contactNumber = 'telepon';
        s.applicantEmail = 'bukan-email';
        s.servers[0]!.ram = '';
      }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error.fields).sort()).toEqual(['applicantEmail', 'form.contactNumber', 'form.nip', 'servers.0.ram']);
    expect(response.body.error.fields['form.nip']).toBe('NIP harus 18 digit angka');
    await nothingStarted();
  });

  test('malformed JSON, or no body at all', async () => {
    const malformed = await h.as('applicant')('POST', '/requests', { rawBody: '{"letter": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toEqual({ code: 'MALFORMED_JSON', message: 'Isi permintaan bukan JSON yang sah.' });

    const empty = await h.as('applicant')('POST', '/requests');
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields).toMatchObject({ letter: 'wajib diisi', form: 'wajib diisi', servers: 'wajib diisi', needs: 'wajib diisi' });
    await nothingStarted();
  });

  test('a malformed Idempotency-Key', async () => {
    const response = await h.as('applicant')('POST', '/requests', { body: submission(), headers: { 'Idempotency-Key': 'abc' } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual({ 'Idempotency-Key': expect.stringContaining('8–128') });
    await nothingStarted();
  });

  test('none of the refused submissions started a workflow', async () => {
    // Give visibility a moment: a workflow started by mistake would show up by now.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await h.client.workflow.count(`KolokasiApplicantUnit = "${UNIT}"`)).count).toBe(0);
  });
});

test('list filters are validated too', async () => {
  const response = await h.as('kabid')('GET', '/requests?status=selesai&pageSize=1000');
  expect(response.status).toBe(400);
  expect(response.body.error.fields).toEqual({ status: expect.stringContaining('harus salah satu dari'), pageSize: expect.stringContaining('Terlalu besar') });
});

describe('a decision with a bad body is refused and changes nothing', () => {
  let no: string;
  beforeAll(async () => {
    no = await submitAndWaitForFirstDecision(h, submission());
  });

  async function timeline(): Promise<string[]> {
    return (await h.as('kabid')('GET', `/requests/${no}`)).body.timeline.map((d: { kind: string }) => d.kind);
  }

  async function decide(role: 'kabid' | 'kasi' | 'dcStaff' | 'applicant', path: string, body: unknown, waitFor: string) {
    await eventually(() => h.as(role)('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === waitFor, `${no} to wait for ${waitFor}`);
    return h.as(role)('POST', `/requests/${no}/decisions/${path}`, { body });
  }

  test('a capacity check with an unknown outcome', async () => {
    await decide('kabid', 'disposition', {}, 'disposition');
    await decide('kasi', 'disposition', {}, 'disposition');
    const response = await decide('dcStaff', 'capacity-check', { outcome: 'mungkin' }, 'capacityCheck');
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual({ outcome: 'harus salah satu dari: confirm, override, unavailable' });
    const override = await h.as('dcStaff')('POST', `/requests/${no}/decisions/capacity-check`, { body: { outcome: 'override', placement: { rackId: 'R01', startUnit: 0 } } });
    expect(override.status).toBe(400);
    expect(override.body.error.fields).toMatchObject({ 'placement.startUnit': expect.stringContaining('Terlalu kecil'), reason: 'wajib diisi' });
    expect(await timeline()).toEqual(['disposition', 'disposition']);
  });

  test('an approval form that carries the host admin password', async () => {
    await decide('dcStaff', 'capacity-check', { outcome: 'confirm' }, 'capacityCheck');
    await decide('applicant', 'application-form', {}, 'applicationForm');
    const response = await decide(
      'kabid',
      'approval',
      { decision: 'approve', consideration: 'Lengkap', form: { serialNumber: 'SN-1', typeAndBrand: 'Dell R650', hostAdminUser: 'admin', contactPerson: 'Siti R', password: 'rahasia123' } },
      'approval',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual({ 'form.password': expect.stringContaining('kata sandi host admin tidak boleh dikirim') });
    expect(await timeline()).toEqual(['disposition', 'disposition', 'capacityCheck', 'applicationForm']);
    const read = await h.as('kabid')('GET', `/requests/${no}`);
    expect(JSON.stringify(read.body)).not.toContain('rahasia123');
    expect(read.body.waitingFor).toMatchObject({ kind: 'approval', role: 'kabid' });
  });

  test('a handover official with an implausible NIP, at the wrong time', async () => {
    const response = await h.as('dcStaff')('POST', `/requests/${no}/decisions/handover`, { body: { handedOverBy: { name: 'Si', nip: '1985' }, receivedBy: { name: 'Andi Pratama', nip: '199001012015031001' } } });
    expect(response.status).toBe(400);
    expect(response.body.error.fields).toEqual({ 'handedOverBy.name': 'minimal 3 karakter', 'handedOverBy.nip': 'NIP harus 18 digit angka' });
  });
});
