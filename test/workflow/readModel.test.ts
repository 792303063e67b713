// The read model the API reads is built from small commits (a delta per wait point, not the whole
// state): after every decision, reminder and ending it must equal the case as the workflow holds
// it, even when each commit is retried after it already wrote.
import type { WorkflowHandle } from '@temporalio/client';
import type { CaseCommit } from '../../activities/commit';
import type { CaseState } from '../../shared/caseState';
import { AuditEntry } from '../../shared/db/audit';
import { OutboxEmail } from '../../shared/db/outbox';
import { RequestRecord } from '../../shared/db/requestRecord';
import { readModelFields } from '../../shared/readModel';
import { listEmails } from '../support/mailbox';
import { createHarness, driveUntil, eventually, Harness, happyPayload, pendingKind, waitForPendingOrEnd } from './support/caseHarness';

let h: Harness;
/** Revisions whose commit already failed once after writing everything. */
const failedOnce = new Set<string>();
let commits = 0;

beforeAll(async () => {
  h = await createHarness('kolokasi_wf_read_model', undefined, (real) => ({
    // Every commit writes, then fails its first attempt: the retry must change nothing twice.
    async commitCase(commit: CaseCommit) {
      await real.commitCase(commit);
      commits += 1;
      const key = `${commit.requestNumber}@${commit.revision}`;
      if (failedOnce.has(key)) return;
      failedOnce.add(key);
      throw new Error(`commit ${key} lost its answer (test)`);
    },
  }));
});
afterAll(() => h?.close());

/** The record as the API reads it equals the workflow's state, and its index fields follow from it. */
async function expectReadModelMatches(handle: WorkflowHandle): Promise<CaseState> {
  const state = await h.state(handle);
  const record = await RequestRecord.findById(state.requestNumber).lean();
  expect(record!.state).toEqual(JSON.parse(JSON.stringify(state)));
  const fields = readModelFields(state);
  expect(record).toMatchObject({
    ...fields,
    submittedAt: new Date(fields.submittedAt),
    currentDeadline: fields.currentDeadline ? new Date(fields.currentDeadline) : null,
  });
  return state;
}

/** Each decision audited once, and each email of the outbox received once. */
async function expectEachOnce(state: CaseState): Promise<void> {
  const audited = await AuditEntry.find({ requestNumber: state.requestNumber, event: /^decision:/ }).lean();
  expect(audited.map((a) => a.event).sort()).toEqual(state.decisions.map((d) => `decision:${d.kind}`).sort());
  const outbox = await OutboxEmail.find({ requestNumber: state.requestNumber }).lean();
  await eventually(async () => {
    const received = (await listEmails()).filter((e) => e.subject.startsWith(`[${state.requestNumber}]`));
    expect(received.map((e) => e.subject).sort()).toEqual(outbox.map((o) => o.subject).sort());
  });
}

test('after each decision of a case with a spec mismatch the record equals the case, and retried commits change nothing twice', async () => {
  const handle = await h.start('cirebon');
  let mismatches = 0;
  for (let i = 0; i < 20; i += 1) {
    const state = await waitForPendingOrEnd(h, handle);
    await expectReadModelMatches(handle);
    if (state.status !== 'inProgress') break;
    const pending = state.currentStep!.pending!;
    const kind = pending.kind as Parameters<typeof happyPayload>[0];
    const payload = kind === 'specVerification' && mismatches++ === 0 ? { result: 'mismatch' as const, reasons: ['RAM terpasang 32 GB'] } : happyPayload(kind, state);
    // The decision answers only once the case waits again, so the record is current by then.
    await h.decide(handle, kind, pending.by, payload);
    await expectReadModelMatches(handle);
  }
  const final = await expectReadModelMatches(handle);
  expect(final.status).toBe('completed');
  expect(final.decisions.map((d) => d.kind)).toContain('handover');
  await expectEachOnce(final);
  console.log(`a Cirebon case written by ${final.revision} commits, each retried once after it wrote (${commits} commit attempts so far)`);
});

test('a late step: the breach, the reminder and the escalation reach the record as the case waits', async () => {
  const handle = await h.start('cirebon');
  const waiting = await driveUntil(h, handle, (s) => pendingKind(s) === 'disposition');
  await h.advancePast(waiting.currentStep!.deadline!);
  await eventually(async () => expect((await expectReadModelMatches(handle)).slaBreached).toBe(true));
  await h.advancePast(new Date(Date.parse(waiting.currentStep!.deadline!) + 3 * 24 * 3600_000).toISOString());
  await eventually(async () => expect((await expectReadModelMatches(handle)).currentStep!.escalatedAt).toBeDefined());
  expect(await RequestRecord.findById(waiting.requestNumber).lean()).toMatchObject({ slaBreached: true, waitingForRole: 'kabid' });
  await h.withdraw(handle, 'Tidak jadi dipindahkan');
  const closed = await expectReadModelMatches(handle);
  expect(closed.status).toBe('withdrawn');
  expect(await RequestRecord.findById(waiting.requestNumber).lean()).toMatchObject({ status: 'withdrawn', waitingForRole: null, currentDeadline: null });
  await expectEachOnce(closed);
});

test('an admin cancel: the record is closed with the case', async () => {
  const handle = await h.start('cirebon');
  await driveUntil(h, handle, (s) => pendingKind(s) === 'approval');
  await handle.cancel();
  await expect(handle.result()).rejects.toThrow();
  await eventually(async () => expect((await expectReadModelMatches(handle)).status).toBe('cancelled'));
});
