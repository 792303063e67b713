// Concurrent submissions, as an agenda book needs them: every one is accepted, the numbers run on
// without a gap or a repeat, and a resent twin (same Idempotency-Key) neither starts a second case
// nor burns a number.
import { RequestNumberClaim } from '../../shared/db/requestNumberClaim';
import { Counter } from '../../shared/db/counter';
import type { Submission } from '../../shared/request';
import { yearIn } from '../../api/cases/requestNumbers';
import { aSubmissionFrom } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness } from './support/apiHarness';

const UNIT = 'Dinas Uji Serentak';
const SUBMISSIONS = 25;
const KEYED = 5;
let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_concurrent_submissions', { applicantUnit: UNIT });
});
afterAll(() => h?.close());

const submission = (i: number): Submission => aSubmissionFrom(UNIT, (s) => (s.letter.subject = `Permohonan co-location serentak nomor ${i + 1}`));

test(`${SUBMISSIONS} submissions at once (and ${KEYED} resent twins) get consecutive numbers, one case each`, async () => {
  const year = yearIn('WIB', Date.now());
  const base = (await Counter.findById(`CRB-${year}`).lean())!.seq;
  const started = Date.now();
  const calls = Array.from({ length: SUBMISSIONS }, (_, i) => {
    const headers: Record<string, string> = i < KEYED ? { 'Idempotency-Key': `serentak-${i}` } : {};
    const send = () => h.as('applicant')('POST', '/requests', { body: submission(i), headers });
    return i < KEYED ? [send(), send()] : [send()];
  }).flat();
  const answers = await Promise.all(calls);
  const elapsed = Date.now() - started;

  expect(answers.filter((a) => a.status !== 201).map((a) => ({ status: a.status, body: a.body }))).toEqual([]);
  const numbers = answers.map((a) => a.body.requestNumber as string);
  // Each twin pair shares one number.
  for (let i = 0; i < KEYED; i++) expect(numbers[2 * i]).toBe(numbers[2 * i + 1]);
  const seqs = [...new Set(numbers)].map((no) => Number(no.split('-')[2])).sort((a, b) => a - b);
  expect(seqs).toEqual(Array.from({ length: SUBMISSIONS }, (_, i) => base + i + 1));
  expect(await RequestNumberClaim.countDocuments()).toBe(SUBMISSIONS);
  const cases = await eventually(async () => (await h.client.workflow.count(`KolokasiApplicantUnit = "${UNIT}"`)).count, (n) => n >= SUBMISSIONS, 'every case in visibility', 30_000);
  await new Promise((r) => setTimeout(r, 500));
  expect((await h.client.workflow.count(`KolokasiApplicantUnit = "${UNIT}"`)).count).toBe(cases);
  expect(cases).toBe(SUBMISSIONS);
  console.log(`concurrent submissions: ${calls.length} calls (${SUBMISSIONS} submissions, ${KEYED} resent twins) all 201 in ${elapsed} ms; numbers ${seqs[0]}..${seqs[seqs.length - 1]} without gap; ${SUBMISSIONS} claims, ${cases} cases`);
});
