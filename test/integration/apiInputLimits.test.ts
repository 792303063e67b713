// Every text and list a person sends is bounded and clean: oversized, control-character or
// implausible input is refused with a 400 naming the field (in Bahasa Indonesia) before anything
// reaches the workflow's history, and the case stays as it was. Also the limits node and express
// enforce themselves (body size, header size) answer in the one error shape.
import { connect } from 'node:net';
import type { Submission } from '../../shared/request';
import { aSubmissionFrom } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

const UNIT = 'Dinas Uji Batas';
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_limits', { applicantUnit: UNIT });
});
afterAll(() => h?.close());

const submission = (change?: (s: Submission) => void): Submission => aSubmissionFrom(UNIT, change);

const KB = 1024;
const isoDaysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('a case waiting for its first decision', () => {
  let no: string;
  beforeAll(async () => {
    no = await submitAndWaitForFirstDecision(h, submission());
  });

  async function unchanged(): Promise<void> {
    const read = await h.as('kabid')('GET', `/requests/${no}`);
    expect(read.body.timeline).toEqual([]);
    expect(read.body.waitingFor).toMatchObject({ kind: 'disposition', role: 'kabid' });
  }

  test.each([
    ['a 900 KB spec-mismatch reason', 'dcStaff', 'decisions/spec-verification', { result: 'mismatch', reasons: ['x'.repeat(900 * KB)] }, { 'reasons.0': 'paling banyak 1000 karakter' }],
    ['21 spec-mismatch reasons', 'dcStaff', 'decisions/spec-verification', { result: 'mismatch', reasons: Array.from({ length: 21 }, (_, i) => `alasan ${i}`) }, { reasons: 'paling banyak 20 butir' }],
    ['a 100 KB disposition note', 'kabid', 'decisions/disposition', { note: 'n'.repeat(100 * KB) }, { note: 'paling banyak 2000 karakter' }],
    ['a 300 KB monitoring id', 'dcStaff', 'decisions/installation', { monitoringId: 's'.repeat(300 * KB) }, { monitoringId: 'paling banyak 200 karakter' }],
    ['a 50 KB approval form field', 'kabid', 'decisions/approval', { decision: 'approve', consideration: 'Lengkap', form: { serialNumber: 'SN-1', typeAndBrand: 'Dell', hostAdminUser: 'root', contactPerson: 'Siti', serverLocation: 'l'.repeat(50 * KB) } }, { 'form.serverLocation': 'paling banyak 200 karakter' }],
    ['a 600 KB withdrawal reason', 'applicant', 'withdrawal', { reason: 'r'.repeat(600 * KB) }, { reason: 'paling banyak 2000 karakter' }],
    ['a NUL in a note', 'kabid', 'decisions/disposition', { note: 'Diteruskan\u0000' }, { note: 'tidak boleh berisi karakter kendali (mis. NUL)' }],
    ['an escape in a name', 'dcStaff', 'decisions/device-delivery', { deliveredBy: 'Budi\u001b[31m' }, { deliveredBy: 'tidak boleh berisi karakter kendali (mis. NUL)' }],
    ['a password next to a disposition', 'kabid', 'decisions/disposition', { note: 'Diteruskan', password: 'rahasia123' }, { password: 'kolom tidak dikenal: password' }],
    ['a host admin password in a capacity check', 'dcStaff', 'decisions/capacity-check', { outcome: 'confirm', hostAdminPassword: 'rahasia123' }, { hostAdminPassword: 'kolom tidak dikenal: hostAdminPassword' }],
    ['a password next to a withdrawal', 'applicant', 'withdrawal', { reason: 'Anggaran dialihkan', password: 'rahasia123' }, { password: 'kolom tidak dikenal: password' }],
  ] as const)('%s: 400 naming the field, case unchanged', async (_name, user, path, body, fields) => {
    const response = await h.as(user)('POST', `/requests/${no}/${path}`, { body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), fields } });
    expect(JSON.stringify(response.body)).not.toContain('rahasia123');
    await unchanged();
  });

  test('an act-as reason past its limit, and an overlong query parameter', async () => {
    const actAs = await h.as('admin')('POST', `/requests/${no}/decisions/disposition`, { body: {}, headers: { 'X-Act-As-Role': 'kabid', 'X-Act-Reason': 'a'.repeat(600) } });
    expect(actAs.status).toBe(400);
    expect(actAs.body.error.fields).toEqual({ 'x-act-reason': 'paling banyak 500 karakter' });
    const query = await h.as('kabid')('GET', `/assets?unit=${'u'.repeat(300)}`);
    expect(query.status).toBe(400);
    expect(query.body.error.fields).toEqual({ unit: 'paling banyak 200 karakter' });
    await unchanged();
  });

  test('a body past 1 MB: 413 in the error shape', async () => {
    const response = await h.as('dcStaff')('POST', `/requests/${no}/decisions/spec-verification`, { body: { result: 'mismatch', reasons: ['x'.repeat(1100 * KB)] } });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('1 MB') } });
    await unchanged();
  });
});

describe('a submission', () => {
  test.each([
    ['a letter dated 2099', (s: Submission) => (s.letter.letterDate = '2099-01-01'), { 'letter.letterDate': 'tanggal surat tidak boleh di masa depan' }],
    ['a letter dated a week ahead', (s: Submission) => (s.letter.letterDate = isoDaysFromNow(7)), { 'letter.letterDate': 'tanggal surat tidak boleh di masa depan' }],
    ['a NIP appointed in 2090', (s: Submission) => (s.form.nip = '198503152090012003'), { 'form.nip': 'NIP: tahun/bulan pengangkatan (digit 9-14) tidak boleh di masa depan' }],
    ['a term that ended before today', (s: Submission) => (s.form.term = { kind: 'temporary', until: '2020-01-01' }), { 'form.term.until': 'akhir jangka waktu tidak boleh sebelum hari ini' }],
    [
      'a term that ends before the domain is active',
      (s: Submission) => {
        s.form.domainActiveDate = isoDaysFromNow(60);
        s.form.term = { kind: 'temporary', until: isoDaysFromNow(30) };
      },
      { 'form.term.until': 'akhir jangka waktu tidak boleh sebelum tanggal domain aktif' },
    ],
    ['a phone number without digits', (s: Submission) => (s.form.contactNumber = '()()()()'), { 'form.contactNumber': 'nomor kontak harus berisi 7–15 angka' }],
    ['a NUL in the subject', (s: Submission) => (s.letter.subject = 'Permohonan\u0000server'), { 'letter.subject': 'tidak boleh berisi karakter kendali (mis. NUL)' }],
    ['a 100 KB server name', (s: Submission) => (s.servers[0]!.name = 'n'.repeat(100 * KB)), { 'servers.0.name': 'paling banyak 100 karakter' }],
    ['21 servers', (s: Submission) => (s.servers = Array.from({ length: 21 }, () => s.servers[0]!)), { servers: 'paling banyak 20 butir' }],
    ['an unknown key', (s: Submission) => Object.assign(s.form, { password: 'rahasia123' }), { 'form.password': 'kolom tidak dikenal: password' }],
  ])('%s: 400 naming the field', async (_name, change, fields) => {
    const response = await h.as('applicant')('POST', '/requests', { body: submission(change) });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), fields } });
  });

  test('a letter dated today and a term ending next year are fine', async () => {
    const ok = submission((s) => {
      s.letter.letterDate = isoDaysFromNow(0);
      s.form.term = { kind: 'temporary', until: isoDaysFromNow(365) };
    });
    const response = await h.as('applicant')('POST', '/requests', { body: ok });
    expect(response.status).toBe(201);
  });
});

test('an admin acting as the applicant cannot move a case to another unit with the application form', async () => {
  const no = await submitAndWaitForFirstDecision(h, submission());
  const decide = async (role: 'kabid' | 'kasi' | 'dcStaff', path: string, body: unknown, kind: string): Promise<void> => {
    await eventually(() => h.as(role)('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === kind, `${no} to wait for ${kind}`);
    expect((await h.as(role)('POST', `/requests/${no}/decisions/${path}`, { body })).status).toBe(200);
  };
  await decide('kabid', 'disposition', {}, 'disposition');
  await decide('kasi', 'disposition', {}, 'disposition');
  await decide('dcStaff', 'capacity-check', { outcome: 'confirm' }, 'capacityCheck');
  await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.kind === 'applicationForm', `${no} to wait for the form`);

  const form = { ...submission().form, unitName: 'Dinas Lain' };
  const headers = { 'X-Act-As-Role': 'applicant', 'X-Act-Reason': 'pemohon meminta bantuan admin' };
  const moved = await h.as('admin')('POST', `/requests/${no}/decisions/application-form`, { body: { form }, headers });
  expect(moved.status).toBe(403);
  expect(moved.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining(UNIT) });
  const read = await h.as('admin')('GET', `/requests/${no}`);
  expect(read.body.applicantUnit).toBe(UNIT);
  expect(read.body.waitingFor).toMatchObject({ kind: 'applicationForm' });

  const own = await h.as('admin')('POST', `/requests/${no}/decisions/application-form`, { body: { form: { ...form, unitName: UNIT } }, headers });
  expect(own.status).toBe(200);
});

test('a 64 KB header: 431 in the error shape', async () => {
  const { hostname, port } = new URL(h.baseUrl);
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(`GET /me HTTP/1.1\r\nHost: ${hostname}\r\nX-Big: ${'b'.repeat(64 * KB)}\r\n\r\n`);
    });
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('close', () => resolve(received));
    socket.on('error', (error) => (received ? resolve(received) : reject(error)));
  });
  const [head, body] = answer.split('\r\n\r\n');
  console.log(`[limits] 64 KB header answered: ${head!.split('\r\n')[0]} ${body}`);
  expect(head).toMatch(/^HTTP\/1\.1 431 /);
  expect(head).toMatch(/content-type: application\/json/i);
  expect(JSON.parse(body!)).toEqual({ error: { code: 'HEADERS_TOO_LARGE', message: expect.any(String) } });
});
