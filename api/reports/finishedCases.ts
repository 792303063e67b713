// Reads the finished cases of one agency for the compliance report: one pass over the read model.
//
// FerretDB 1.24 on SQLite decodes the whole `requests` collection for any filter but an _id
// equality, so a narrower query (by closedAt, by period) would cost the same; the filter here only
// spares sending in-progress cases over, and the projection leaves the submissions and decisions
// behind. At 10,000 cases that is one decode of the collection (about a second, as for any
// non-_id query) plus the steps of the finished ones; never a query per case.
import { RequestRecord } from '../../shared/db/requestRecord';
import { finishedCaseSchema, type FinishedCase } from '../../shared/report/finishedCase';

const PROJECTION = {
  'state.requestNumber': 1,
  'state.procedureId': 1,
  'state.status': 1,
  'state.closedAt': 1,
  'state.applicantWaitMinutes': 1,
  'state.steps': 1,
} as const;

/** Finished cases of the profile, closed at or after `closedFromMs`; a record that does not parse is skipped and counted. */
export async function readFinishedCases(profileId: string, closedFromMs: number): Promise<{ cases: FinishedCase[]; unreadable: number }> {
  const cases: FinishedCase[] = [];
  let unreadable = 0;
  const cursor = RequestRecord.find({ profileId, status: { $ne: 'inProgress' } }, PROJECTION).lean().cursor();
  for await (const record of cursor) {
    const state = (record as { state?: { closedAt?: string } }).state;
    if (!state?.closedAt || Date.parse(state.closedAt) < closedFromMs) continue;
    const parsed = finishedCaseSchema.safeParse(state);
    if (parsed.success) cases.push(parsed.data);
    else unreadable += 1;
  }
  return { cases, unreadable };
}
