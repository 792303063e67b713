// A case's record never goes back to an older revision. A commit's first attempt that follows this
// process's own write of the revision before it writes without reading the record; a retry, or a
// first attempt of a case this process has not written, reads it and leaves a newer revision alone.
import { randomInt } from 'node:crypto';
import { applyRecordDelta } from '../../activities/records';
import { connectMongo, disconnectMongo } from '../../shared/db/connect';
import { RequestRecord } from '../../shared/db/requestRecord';
import { RequestSummaryRecord } from '../../shared/db/requestSummary';
import type { RequestSummaryFields } from '../../shared/readModel';

beforeAll(async () => {
  await connectMongo(process.env.MONGODB_URI!.replace(/\/kolokasi$/, '/kolokasi_record_revisions'));
});
afterAll(() => disconnectMongo());
afterEach(() => jest.restoreAllMocks());

const summary = (no: string, revision: number): RequestSummaryFields => ({
  _id: no, revision, profileId: 'cirebon', agency: 'Cirebon', applicantUnit: 'Dinas Kesehatan', domain: null,
  status: 'inProgress', slaBreached: false, submittedAt: '2026-12-01T02:00:00.000Z', updatedAt: new Date().toISOString(), currentStep: null,
});
const commit = (no: string, revision: number, firstAttempt: boolean) => applyRecordDelta(no, revision, { $set: { revision, 'state.revision': revision } }, summary(no, revision), firstAttempt);
/** A case whose record another worker wrote up to `revision`. */
async function caseAt(revision: number): Promise<string> {
  const no = `CRB-2026-${randomInt(100_000, 999_999)}`;
  await RequestRecord.create({
    _id: no, revision, state: { requestNumber: no, revision }, workflowId: `colocation-${no}`, profileId: 'cirebon', agency: 'Cirebon',
    applicantUnit: 'Dinas Kesehatan', status: 'inProgress', slaBreached: false, submittedAt: new Date(), updatedAt: new Date(),
  });
  return no;
}
const revisions = async (no: string) => [(await RequestRecord.findById(no).lean())!.revision, (await RequestSummaryRecord.findById(no).lean())?.revision];

test('a retry of an older revision leaves the newer record another worker wrote', async () => {
  const no = await caseAt(3);
  await commit(no, 2, false);
  expect((await RequestRecord.findById(no).lean())!.revision).toBe(3);
});

test("a first attempt on a case this process has not written reads the record, and leaves a newer one", async () => {
  const no = await caseAt(5);
  await commit(no, 4, true);
  expect((await RequestRecord.findById(no).lean())!.revision).toBe(5);
});

test('each first attempt after this process wrote the revision before writes without reading, record and summary alike', async () => {
  const no = await caseAt(1);
  const reads = jest.spyOn(RequestRecord, 'findById');
  await commit(no, 2, true); // nothing known yet: one read
  await commit(no, 3, true);
  await commit(no, 4, true);
  expect(reads).toHaveBeenCalledTimes(1);
  expect(await revisions(no)).toEqual([4, 4]);
  await commit(no, 3, false); // a late retry reads, and changes nothing
  expect(await revisions(no)).toEqual([4, 4]);
});
