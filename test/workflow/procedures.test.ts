// Every procedure of every seed runs end to end under time skipping, with both answers of every
// decision row: the "Ya" path and, one row at a time, the "Tidak" path, each ending where the SOP
// says (or, where "Tidak" leads back, going on to completion).
import { listProfiles } from '../../shared/profile/registry';
import type { Procedure, Target } from '../../shared/profile/schema';
import { listEmails } from '../support/mailbox';
import { createHarness, eventually, Harness } from './support/caseHarness';
import { drive } from './support/drive';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('kolokasi_wf_procedures');
});
afterAll(() => h?.close());

/** The decision rows a person answers, and the ones a condition answers. */
function decisionRows(procedure: Procedure) {
  return procedure.activities.filter((a) => a.next && 'question' in a.next);
}

/** Where a target leads when every later decision is answered "Ya". */
function endOf(procedure: Procedure, target: Target): string {
  for (let i = 0; i < 50 && 'goto' in target; i += 1) {
    const { goto, only } = target;
    const row = procedure.activities.find((a) => a.no === goto)!;
    if (only) return 'completed';
    const index = procedure.activities.indexOf(row);
    const next = row.next;
    target = next ? ('question' in next ? next.ya : next) : (procedure.activities[index + 1] ? { goto: procedure.activities[index + 1]!.no } : { end: 'completed', reason: '' });
  }
  return 'end' in target ? target.end : 'completed';
}

/** Whether "Tidak" sends the case back to run this row again (a redelivery, a verification repeated). */
function leadsBack(procedure: Procedure, rowNo: string, target: Target): boolean {
  if (!('goto' in target)) return false;
  const index = (no: string) => procedure.activities.findIndex((a) => a.no === no);
  return !!target.only || index(target.goto) <= index(rowNo);
}

const cases = listProfiles().flatMap((profile) => profile.procedures.map((procedure) => ({ profile: profile.id, procedure })));

describe.each(cases)('$profile / $procedure.id', ({ profile, procedure }) => {
  test('the "Ya" path runs every row to the end', async () => {
    const handle = await h.start(profile, procedure.id);
    const { state } = await drive(h, handle);
    expect(state.status).toBe('completed');
    const ran = new Set(state.steps.map((s) => s.sopStep));
    const expected = procedure.activities.filter((a) => !decisionRows(procedure).some((d) => d.next && 'question' in d.next && 'goto' in d.next.tidak && d.next.tidak.goto === a.no && !d.next.tidak.only && !isOnYesPath(procedure, a.no)));
    expect(expected.filter((row) => !ran.has(row.no)).map((row) => row.no)).toEqual([]);
    for (const step of state.steps) expect(step.completedAt).toBeDefined();
    // The applicant hears of the submission and of the end, each once.
    const subjects = (await eventually(async () => {
      const mine = (await listEmails()).filter((e) => e.subject.startsWith(`[${state.requestNumber}]`));
      expect(mine.some((e) => /diterima/.test(e.subject))).toBe(true);
      return mine.map((e) => e.subject);
    })).filter((s) => /^\[[^\]]+\] Permohonan .* telah diterima$/.test(s));
    expect(subjects).toHaveLength(1);
  });

  const answered = decisionRows(procedure).filter((row) => row.next && 'question' in row.next && row.next.answer === 'action');
  // A backup's only decision row reads the SKPD's stop request: its "Tidak" is the end of the "Ya" path above.
  if (!answered.length) return;
  test.each(answered.map((row) => ({ no: row.no, row })))('row $no answered "Tidak" goes where the SOP says', async ({ row }) => {
    const branch = row.next as Extract<NonNullable<typeof row.next>, { question: string }>;
    const handle = await h.start(profile, procedure.id);
    const { state, trail } = await drive(h, handle, row.no);
    expect(trail.some((t) => t.startsWith(`${row.no}:`) && t.endsWith(':tidak'))).toBe(true);
    expect(state.status).toBe(endOf(procedure, branch.tidak));
    // A "Tidak" that leads back to the row is followed by a "Ya" there.
    expect(state.answers[row.no]).toBe(leadsBack(procedure, row.no, branch.tidak) ? 'ya' : 'tidak');
    if (state.status !== 'completed') expect(state.capacity.reservation?.status ?? 'released').not.toBe('held');
  });
});

/** Whether a row is reached on the all-"Ya" path (a "Tidak"-only row such as Jateng's letter 8 is not). */
function isOnYesPath(procedure: Procedure, no: string): boolean {
  return !procedure.activities.some((a) => a.next && 'question' in a.next && 'goto' in a.next.tidak && a.next.tidak.goto === no) || procedure.activities.some((a) => a.next && 'question' in a.next && 'goto' in a.next.ya && a.next.ya.goto === no);
}
