// A colocation case on the real stack: the Temporal dev server keeps the search attributes and
// memo that admins use in the Web UI current, and FerretDB holds the read model and audit trail.
import { randomUUID } from 'node:crypto';
import { seedDemoInventory } from '../../activities/capacityInventory';
import { AuditEntry } from '../../shared/db/audit';
import { OutboxEmail } from '../../shared/db/outbox';
import { RequestRecord } from '../../shared/db/requestRecord';
import { decisionUpdates } from '../../shared/decisions';
import { SA } from '../../shared/searchAttributes';
import { sopCaseWorkflowId } from '../../shared/contracts/sopCase';
import { sopCaseWorkflow } from '../../workflows/sopCase';
import { aColocationRequest } from '../fixtures/submission';
import { DevServerWorker, startDevServerWorker } from '../support/devServerWorker';
import { actorFor, eventually } from '../workflow/support/caseHarness';

let w: DevServerWorker;
beforeAll(async () => {
  w = await startDevServerWorker('kolokasi_it_case');
  await seedDemoInventory();
});
afterAll(() => w?.close());

test('admins can find the case in the Temporal UI by its search attributes and read its summary', async () => {
  const requestNumber = `CRB-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
  const handle = await w.client.workflow.start(sopCaseWorkflow, {
    taskQueue: w.taskQueue,
    workflowId: sopCaseWorkflowId('colocation', requestNumber),
    args: [{ v: 1, requestNumber, profileId: 'cirebon', procedureId: 'colocation', request: aColocationRequest(), submittedBy: actorFor('applicant') }],
  });

  await eventually(async () => expect((await RequestRecord.findById(requestNumber).lean())?.waitingForRole).toBe('kabid'));
  await handle.executeUpdate(decisionUpdates.disposition, { args: [{ decisionId: randomUUID(), actor: actorFor('kabid'), payload: { note: 'Teruskan' } }] });

  const description = await eventually(async () => {
    const d = await handle.describe();
    expect(d.typedSearchAttributes.get(SA.currentStep)).toMatch(/^2 /);
    return d;
  });
  expect(d(description, SA.status)).toBe('inProgress');
  expect(d(description, SA.agency)).toBe('Dinas Komunikasi dan Informatika Kabupaten Cirebon');
  expect(d(description, SA.applicantUnit)).toBe('Dinas Kesehatan');
  expect(d(description, SA.requestNumber)).toBe(requestNumber);
  expect(d(description, SA.slaBreached)).toBe(false);
  expect(await description.memo?.summary).toContain(requestNumber);

  const found = await eventually(async () => {
    const ids: string[] = [];
    for await (const wf of w.client.workflow.list({ query: `KolokasiApplicantUnit = 'Dinas Kesehatan' AND KolokasiStatus = 'inProgress' AND KolokasiRequestNumber = '${requestNumber}'` })) ids.push(wf.workflowId);
    expect(ids).toEqual([sopCaseWorkflowId('colocation', requestNumber)]);
    return ids;
  });
  expect(found).toHaveLength(1);

  const record = await RequestRecord.findById(requestNumber).lean();
  expect(record).toMatchObject({ status: 'inProgress', waitingForRole: 'kasi', profileId: 'cirebon' });
  const audit = await AuditEntry.find({ requestNumber }).sort({ at: 1, _id: 1 }).lean();
  expect(audit.map((a) => a.event)).toEqual(expect.arrayContaining(['submitted', 'stepStarted', 'decision:disposition']));
  const outbox = await OutboxEmail.find({ requestNumber }).lean();
  expect(outbox.map((o) => o.template)).toEqual(expect.arrayContaining(['submitted', 'taskAssigned']));
  await handle.terminate('test finished');
});

function d<T>(description: { typedSearchAttributes: { get(key: unknown): unknown } }, key: { name: string }): T {
  return description.typedSearchAttributes.get(key) as T;
}
