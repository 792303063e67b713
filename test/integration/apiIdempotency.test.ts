// Retries never double anything: a replayed submission returns the same request and starts one case;
// a replayed decision is applied once, also after the case moved on or closed.
import { formatRequestNumber, yearIn } from '../../api/cases/requestNumbers';
import { Counter } from '../../shared/db/counter';
import { colocationWorkflowId } from '../../shared/workflowInput';
import type { Submission } from '../../shared/request';
import { aSubmission } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

const UNIT = 'Dinas Uji Idempotensi';
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_api_idempotency', { applicantUnit: UNIT });
});
afterAll(() => h?.close());

const submission = (subject = 'Permohonan co-location server aplikasi SIMPUS'): Submission => {
  const s = aSubmission();
  s.form.unitName = UNIT;
  s.letter.subject = subject;
  return s;
};

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
  const foreign = await h.client.workflow.start('colocationRequestWorkflow', { taskQueue: `nobody-${taken}`, workflowId: colocationWorkflowId(taken), args: [] });
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
  const occurrences = async (no: string, decisionId: string): Promise<number> =>
    (await h.as('kabid')('GET', `/requests/${no}`)).body.timeline.filter((d: { decisionId: string }) => d.decisionId === decisionId).length;

  test('is applied once and answered the same', async () => {
    const no = await submitAndWaitForFirstDecision(h, submission());
    const headers = { 'Idempotency-Key': `dispose-${no}` };
    const first = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    const again = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(first.body).toMatchObject({ decisionId: `dispose-${no}`, duplicate: false });
    expect(again.body).toEqual(first.body);
    expect(await occurrences(no, `dispose-${no}`)).toBe(1);

    // Still once after the case moved on, with the id given in the body this time.
    await eventually(() => h.as('kasi')('GET', `/requests/${no}`), (r) => r.body.waitingFor?.role === 'kasi', 'the Seksi to be next');
    expect((await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { decisionId: `kasi-${no}` } })).status).toBe(200);
    expect((await h.as('kasi')('POST', `/requests/${no}/decisions/disposition`, { body: { decisionId: `kasi-${no}` } })).status).toBe(200);
    const late = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: { note: 'Diteruskan' }, headers });
    expect(late.status).toBe(200);
    const read = await h.as('kabid')('GET', `/requests/${no}`);
    expect(read.body.timeline.map((d: { decisionId: string }) => d.decisionId)).toEqual([`dispose-${no}`, `kasi-${no}`]);
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
    expect(replay.body).toMatchObject({ decisionId: `withdraw-${no}`, duplicate: true, case: { status: 'withdrawn' } });
    expect(await occurrences(no, `withdraw-${no}`)).toBe(1);

    const late = await h.as('kabid')('POST', `/requests/${no}/decisions/disposition`, { body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: 'CLOSED', message: expect.stringContaining(no) });
  });
});
