// The reconciler on the real stack: cases whose workflow ended without recording it (terminated with
// a reservation held, terminated holding a proposal, cancelled before its first step) read
// "inProgress" and keep their capacity until one pass closes their records, writes the audit entry
// and gives the capacity back; a second pass changes nothing.
import { randomInt } from 'node:crypto';
import { createReconciler } from '../../activities/reconcile/reconcileCases';
import { AuditEntry } from '../../shared/db/audit';
import { RequestRecord } from '../../shared/db/requestRecord';
import { SA } from '../../shared/searchAttributes';
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import { aSubmission } from '../fixtures/submission';
import { ApiHarness, eventually, startApiHarness, submitAndWaitForFirstDecision } from './support/apiHarness';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness('kolokasi_reconciler');
});
afterAll(() => h?.close());

const read = (no: string) => h.as('admin')('GET', `/requests/${no}`);

async function decideWhenWaiting(no: string, kind: string, role: 'applicant' | 'kabid' | 'kasi' | 'dcStaff', path: string, body: unknown): Promise<void> {
  await eventually(() => read(no), (r) => r.body.waitingFor?.kind === kind && r.body.waitingFor?.role === role, `${no} to wait for ${kind} by ${role}`, 60_000);
  const answer = await h.as(role)('POST', `/requests/${no}/decisions/${path}`, { body });
  if (answer.status !== 200) throw new Error(`${path} on ${no} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

/** Submits a case and takes it to its capacity check (a proposal held), or past it (confirming reserves). */
async function caseHolding(what: 'proposal' | 'reservation'): Promise<string> {
  const no = await submitAndWaitForFirstDecision(h, aSubmission());
  await decideWhenWaiting(no, 'disposition', 'kabid', 'disposition', {});
  await decideWhenWaiting(no, 'disposition', 'kasi', 'disposition', {});
  if (what === 'reservation') await decideWhenWaiting(no, 'capacityCheck', 'dcStaff', 'capacity-check', { outcome: 'confirm' });
  await eventually(() => read(no), (r) => r.body.waitingFor?.kind === (what === 'reservation' ? 'applicationForm' : 'capacityCheck'), `${no} to hold its ${what}`, 60_000);
  return no;
}

/** Starts a case the way the API does, and cancels it before its workflow has run at all. */
async function caseCancelledBeforeItsFirstStep(): Promise<string> {
  const requestNumber = `CRB-2026-${randomInt(100_000, 999_999)}`;
  const submission = aSubmission();
  const handle = await h.client.workflow.start('sopCaseWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: sopCaseWorkflowId('colocation', requestNumber),
    args: [{ v: 1, requestNumber, profileId: 'cirebon', procedureId: 'colocation', request: { kind: 'colocation', ...submission }, submittedBy: { userId: 'kolokasi_reconciler-applicant', name: 'Uji applicant', role: 'applicant' } }],
    // Delayed, so the cancellation is there before the workflow's first task.
    startDelay: '2 seconds',
    typedSearchAttributes: [
      { key: SA.applicantUnit, value: submission.form.unitName },
      { key: SA.requestNumber, value: requestNumber },
      { key: SA.status, value: 'inProgress' },
    ],
    memo: { profileId: 'cirebon' },
  });
  await handle.cancel();
  await eventually(() => handle.describe(), (d) => d.status.name === 'CANCELLED', `${requestNumber} to be cancelled`, 60_000);
  return requestNumber;
}

async function capacityOf(numbers: string[]) {
  const inventory = (await h.as('admin')('GET', '/capacity')).body;
  return {
    reservations: inventory.reservations.filter((r: { reservationId: string }) => numbers.includes(r.reservationId)).map((r: { reservationId: string }) => r.reservationId),
    proposals: inventory.proposals.filter((p: { requestNumber: string }) => numbers.includes(p.requestNumber)).map((p: { requestNumber: string }) => p.requestNumber),
    heldPower: inventory.pools.find((p: { kind: string }) => p.kind === 'power').held,
    heldIps: inventory.ipAddresses.held,
  };
}

test('one pass closes the records of terminated and early-cancelled cases and frees their capacity; a second pass changes nothing', async () => {
  const [reserved, proposed] = await Promise.all([caseHolding('reservation'), caseHolding('proposal')]);
  for (const no of [reserved, proposed]) await h.client.workflow.getHandle(sopCaseWorkflowId('colocation', no)).terminate('Uji rekonsiliasi');
  const cancelled = await caseCancelledBeforeItsFirstStep();
  const numbers = [reserved, proposed, cancelled];

  // What people saw before: the cases read as running and their capacity stays held.
  const before = await Promise.all(numbers.map(async (no) => (await read(no)).body.status));
  const heldBefore = await capacityOf(numbers);
  expect(before).toEqual(['inProgress', 'inProgress', 'inProgress']);
  expect(heldBefore).toMatchObject({ reservations: [reserved], proposals: [proposed] });

  // Visibility lists a closed workflow a moment after it closes.
  const query = `ExecutionStatus != 'Running' AND ${SA.status.name} = 'inProgress' AND TaskQueue = '${h.taskQueue}'`;
  await eventually(async () => { let n = 0; for await (const _ of h.client.workflow.list({ query })) n += 1; return n; }, (n) => n === 3, 'visibility to list the three closed workflows');

  const reconciler = createReconciler({ client: h.client, taskQueue: h.taskQueue, now: () => new Date(), notFoundGraceMs: 15 * 60_000, batchSize: 50 });
  const first = await reconciler.pass();
  const after = await Promise.all(numbers.map(read));
  const heldAfter = await capacityOf(numbers);
  const recordsAfter = await RequestRecord.find({ _id: { $in: numbers } }, { revision: 1, updatedAt: 1, status: 1 }).sort({ _id: 1 }).lean();
  const second = await reconciler.pass();
  const recordsAgain = await RequestRecord.find({ _id: { $in: numbers } }, { revision: 1, updatedAt: 1, status: 1 }).sort({ _id: 1 }).lean();
  console.log(`[reconciler] before: ${before.join('/')}, ${heldBefore.reservations.length} reservation + ${heldBefore.proposals.length} proposal held (power ${heldBefore.heldPower} W, ${heldBefore.heldIps} IP); pass 1 closed ${first.closed.map((c) => `${c.requestNumber}:${c.ending}`).join(', ')} and released ${first.released.join(', ')}; after: ${after.map((r) => r.body.status).join('/')}, power held ${heldAfter.heldPower} W, ${heldAfter.heldIps} IP; pass 2 closed ${second.closed.length}, released ${second.released.length}`);

  expect(first.closed.map((c) => c.ending).sort()).toEqual(['CANCELLED', 'TERMINATED', 'TERMINATED']);
  for (const r of after) {
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'cancelled', waitingFor: null, closedAt: expect.any(String) });
  }
  expect(after[0]!.body.closeReason).toBe('Dihentikan paksa (terminate) melalui Temporal');
  expect(after[2]!.body.closeReason).toBe('Dibatalkan melalui Temporal sebelum penutupan tercatat');
  expect(heldAfter).toEqual({ reservations: [], proposals: [], heldPower: 0, heldIps: 0 });
  const decision = await h.as('applicant')('POST', `/requests/${reserved}/decisions/application-form`, { body: {} });
  expect(decision.status).toBe(409);
  const list = await h.as('admin')('GET', '/requests?status=cancelled');
  expect(list.status).toBe(200);
  expect(list.body.items.map((i: { requestNumber: string }) => i.requestNumber).sort()).toEqual([...numbers].sort());
  expect(await AuditEntry.countDocuments({ _id: { $in: numbers.map((no) => `${no}#reconciled`) }, event: 'closed' })).toBe(3);

  expect(second).toEqual({ closed: [], released: [], placementsStarted: [] });
  expect(recordsAgain).toEqual(recordsAfter);
});

test('a record whose workflow Temporal no longer knows is closed once it has been quiet past the grace period', async () => {
  const source = (await RequestRecord.findOne().lean())!;
  const requestNumber = `CRB-2026-${randomInt(100_000, 999_999)}`;
  const quietSince = new Date(Date.now() - 60 * 60_000);
  await RequestRecord.collection.insertOne({
    ...source,
    _id: requestNumber as never,
    workflowId: sopCaseWorkflowId('colocation', requestNumber),
    status: 'inProgress',
    updatedAt: quietSince,
    state: { ...source.state, requestNumber, workflowId: sopCaseWorkflowId('colocation', requestNumber), status: 'inProgress', closedAt: undefined, closeReason: undefined },
  });
  const withGrace = (graceMinutes: number) => createReconciler({ client: h.client, taskQueue: h.taskQueue, now: () => new Date(), notFoundGraceMs: graceMinutes * 60_000, batchSize: 50 });

  expect((await withGrace(120).pass()).closed).toEqual([]);
  expect((await withGrace(30).pass()).closed).toEqual([{ requestNumber, ending: 'NOT_FOUND' }]);
  expect((await read(requestNumber)).body).toMatchObject({ status: 'cancelled', closeReason: 'Alur kerja permohonan tidak ditemukan di Temporal' });
});
