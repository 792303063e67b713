// Retries never double anything: a replayed submission returns the same request and starts one case;
// a replayed decision is applied once, also after the case moved on or closed.
import { formatRequestNumber, yearIn } from '../../api/cases/requestNumbers';
import { Counter } from '../../shared/db/counter';
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import type { Submission } from '../../shared/request';
import { aSubmissionFrom } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

const UNIT = 'Dinas Uji Idempotensi';
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_idempotency', { applicantUnit: UNIT });
});
afterAll(() => h?.close());

const submission = (subject = 'Permohonan co-location server aplikasi SIMPUS'): Submission => aSubmissionFrom(UNIT, (s) => (s.letter.subject = subject));

async function workflowsFor(requestNumber: string): Promise<number> {
  // Visibility trails the start by a moment; wait until it has seen at least the one case.
  return eventually(async () => (await h.client.workflow.count(`KolokasiRequestNumber = "${requestNumber}"`)).count, (n) => n >= 1, `${requestNumber} in visibility`);
}

describe('POST /requests with an Idempotency-Key', () => {
  test('a replay returns the same request, with the same status and body, and starts one case', async () => {
    const key = 'submit-replay-0001';
    const first = await h.as('applicant')('POST', '/requests', { body: submission(), headers: { 'Idempotency-Key': key } });
    const again = await h.as('applicant')('POST', '/requests', { body: submission(), headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    await new Promise((r) => setTimeout(r, 500));
    expect(await workflowsFor(first.body.requestNumber)).toBe(1);
    expect((await h.client.workflow.count(`KolokasiApplicantUnit = "${UNIT}"`)).count).toBe(1);
  });

  test('concurrent retries with one key still make one request', async () => {
    const key = 'submit-concurrent-0001';
    const body = submission('Permohonan server aplikasi e-Kinerja');
    const answers = await Promise.all([1, 2, 3].map(() => h.as('applicant')('POST', '/requests', { body, headers: { 'Idempotency-Key': key } })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const numbers = new Set(answers.map((a) => a.body.requestNumber));
    expect(numbers.size).toBe(1);
    const [no] = [...numbers] as string[];
    await new Promise((r) => setTimeout(r, 500));
    expect(await workflowsFor(no!)).toBe(1);
  });

  test('the same key with another body is refused and starts nothing', async () => {
    const key = 'submit-conflict-0001';
    const first = await h.as('applicant')('POST', '/requests', { body: submission('Permohonan server aplikasi SIMPEG'), headers: { 'Idempotency-Key': key } });
    expect(first.status).toBe(201);
    const counterBefore = (await Counter.findOne().lean())!.seq;

    const other = await h.as('applicant')('POST', '/requests', { body: submission('Permohonan server aplikasi lain'), headers: { 'Idempotency-Key': key } });
    expect(other.status).toBe(409);
    expect(other.body.error).toEqual({ code: 'IDEMPOTENCY_CONFLICT', message: expect.stringContaining('Idempotency-Key') });
    expect((await Counter.findOne().lean())!.seq).toBe(counterBefore);
  });

  test('without a key, two submissions are two requests with consecutive numbers', async () => {
    const a = await h.as('applicant')('POST', '/requests', { body: submission('Permohonan A') });
    const b = await h.as('applicant')('POST', '/requests', { body: submission('Permohonan B') });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    const seq = (no: string): number => Number(no.split('-')[2]);
    expect(seq(b.body.requestNumber)).toBe(seq(a.body.requestNumber) + 1);
  });
});

test('a number whose workflow exists already (say, a restored database) is skipped, never attached to', async () => {
  const year = yearIn('WIB', Date.now());
  const seq = (await Counter.findById(`CRB-${year}`).lean())!.seq;
  const taken = formatRequestNumber('CRB', year, seq + 1);
  // A case of that number from before the restore, on a queue no worker polls: it just exists.
  const foreign = await h.client.workflow.start('sopCaseWorkflow', { taskQueue: `nobody-${taken}`, workflowId: sopCaseWorkflowId('colocation', taken), args: [] });
  try {
    const response = await h.as('applicant')('POST', '/requests', { body: submission('Permohonan setelah pemulihan basis data') });
    expect(response.status).toBe(201);
    expect(response.body.requestNumber).toBe(formatRequestNumber('CRB', year, seq + 2));
    expect((await foreign.describe()).memo).toEqual({});
  } finally {
    await foreign.terminate('test cleanup');
  }
});

describe('a replayed decision', () => {
  const timeline = async (no: string): Promise<string[]> => (await h.as('kabid')('GET', `/requests/${no}`)).body.timeline.map((d: { decisionId: string }) => d.decisionId);
  const occurrences = async (no: string, decisionId: string): Promise<number> => (await timeline(no)).filter((id) => id === decisionId).length;
  const waitForKasi = (no: string) => eventually(() => h.as('kasi')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.role === 'kasi', 'the Seksi to be next');

  test('is applied once, and the resend says duplicate:true with the case as it stands', async () => {
    const no = await submitAndWaitForFirstDecision(h, submission());
    const headers = { 'Idempotency-Key': `dispose-${no}` };
    const first = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    const again = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(first.body).toMatchObject({ decisionId: expect.any(String), duplicate: false });
    expect(again.body).toMatchObject({ decisionId: first.body.decisionId, duplicate: true, case: { waitingFor: { role: 'kasi' } } });
    expect(await occurrences(no, first.body.decisionId)).toBe(1);

    // Still once after the case moved on, with the key given in the body this time.
    await waitForKasi(no);
    const kasi = await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { decisionId: `kasi-${no}` } });
    expect(kasi.status).toBe(200);
    const kasiAgain = await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { decisionId: `kasi-${no}` } });
    expect(kasiAgain.body).toMatchObject({ decisionId: kasi.body.decisionId, duplicate: true });
    const late = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    expect(late.status).toBe(200);
    expect(late.body).toMatchObject({ duplicate: true, case: { waitingFor: { kind: 'capacityCheck' } } });
    expect(await timeline(no)).toEqual([first.body.decisionId, kasi.body.decisionId]);
  });

  test("a key reused by another caller is refused (409) and never stands in for that caller's decision", async () => {
    const no = await submitAndWaitForFirstDecision(h, submission());
    const headers = { 'Idempotency-Key': `shared-key-${no}` };
    const kabid = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    expect(kabid.body).toMatchObject({ duplicate: false });
    await waitForKasi(no);

    const kasi = await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    expect(kasi.status).toBe(409);
    expect(kasi.body.error).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT', message: expect.stringContaining('Idempotency-Key') });
    const read = await h.as('kasi')('GET', `/requests/${no}`);
    expect(read.body.waitingFor).toMatchObject({ kind: 'disposition', role: 'kasi' });
    expect(read.body.timeline).toHaveLength(1);

    const kasiOwnKey = await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers: { 'Idempotency-Key': `kasi-own-${no}` } });
    expect(kasiOwnKey.status).toBe(200);
    expect(kasiOwnKey.body).toMatchObject({ duplicate: false, case: { waitingFor: { kind: 'capacityCheck' } } });
    expect((await timeline(no)).length).toBe(2);
    console.log(`[idempotency] ${no}: Kabid with key K 200, Kasi with key K ${kasi.status} ${kasi.body.error.code}, Kasi with its own key ${kasiOwnKey.status}`);
  });

  test('the same key with another body or another kind of decision is refused, nothing applied', async () => {
    const no = await submitAndWaitForFirstDecision(h, submission());
    const headers = { 'Idempotency-Key': `body-key-${no}` };
    expect((await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers })).status).toBe(200);
    const otherBody = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Lain' }, headers });
    expect(otherBody.status).toBe(409);
    expect(otherBody.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const otherKind = await h.as('applicant')('POST', `/requests/${no}/withdrawal`, { body: { reason: 'Anggaran dialihkan' }, headers });
    expect(otherKind.status).toBe(409);
    expect(otherKind.body.error.code).toBe('IDEMPOTENCY_CONFLICT');
    const read = await h.as('applicant')('GET', `/requests/${no}`);
    expect(read.body.status).toBe('inProgress');
    expect(read.body.timeline).toHaveLength(1);
  });

  test('is answered from the record once the case has closed, and a new decision is refused', async () => {
    const no = await submitAndWaitForFirstDecision(h, submission());
    const headers = { 'Idempotency-Key': `withdraw-${no}` };
    const withdrawn = await h.as('applicant')('POST', `/requests/${no}/withdrawal`, { body: { reason: 'Anggaran dialihkan' }, headers });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.case).toMatchObject({ status: 'withdrawn' });
    await eventually(() => h.as('applicant')('GET', `/requests/${no}`), (r) => r.body.status === 'withdrawn', `${no} to be withdrawn`);

    const replay = await h.as('applicant')('POST', `/requests/${no}/withdrawal`, { body: { reason: 'Anggaran dialihkan' }, headers });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ decisionId: withdrawn.body.decisionId, duplicate: true, case: { status: 'withdrawn' } });
    expect(await occurrences(no, withdrawn.body.decisionId)).toBe(1);

    const late = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'CLOSED', message: expect.stringContaining(no) });
  });
});
