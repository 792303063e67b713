// The slim read model that inboxes and lists answer from: one small document per case, and a
// change log the API follows to keep its in-memory copy current (api/views/summaryIndex.ts).
//
// Why not query `requests`: FerretDB 1.24 on SQLite pushes down only an equality on _id; every
// other filter, sort or count decodes the whole collection in its own process (about a second per
// query at 10,000 cases). So the API reads everything once, then follows the change log by _id
// lookups, the one query that stays cheap however many cases there are.
import { Schema, model } from 'mongoose';
import type { RequestSummaryFields } from '../readModel';
export { requestSummaryFields, type RequestSummaryFields } from '../readModel';
import { retryWhileBusy } from './busyRetry';
import { isDuplicateKey } from './duplicateKey';
import { insertGrouped, writeGrouped } from './groupedWrites';


const summarySchema = new Schema(
  {
    _id: { type: String, required: true },
    revision: { type: Number, required: true },
    profileId: String,
    procedureId: String,
    agency: String,
    applicantUnit: String,
    domain: String,
    status: String,
    slaBreached: Boolean,
    submittedAt: String,
    updatedAt: String,
    currentStep: Schema.Types.Mixed,
  },
  { minimize: false, versionKey: false },
);
export const RequestSummaryRecord = model<RequestSummaryFields>('RequestSummary', summarySchema, 'request_summaries');

/** One entry per summary write, numbered without gaps: _id is the zero-padded sequence number. */
const changeSchema = new Schema({ _id: { type: String, required: true }, summary: { type: Schema.Types.Mixed, required: true } }, { versionKey: false });
export const RequestSummaryChange = model<{ _id: string; summary: RequestSummaryFields }>('RequestSummaryChange', changeSchema, 'request_summary_changes');

/** Where the log's head was last seen: only a hint to start probing from (its updates race). */
const HEAD_ID = 'head';
const headSchema = new Schema({ _id: { type: String, required: true }, seq: { type: Number, required: true } }, { versionKey: false });
export const RequestSummaryHead = model<{ _id: string; seq: number }>('RequestSummaryHead', headSchema, 'request_summary_head');

/** Entries older than this many writes are deleted: a reader further behind reloads everything. */
export const CHANGE_LOG_KEEP = 20_000;

export function changeId(seq: number): string {
  return String(seq).padStart(12, '0');
}



export async function readHeadHint(): Promise<number> {
  const head = await RequestSummaryHead.findById(HEAD_ID).lean();
  return head?.seq ?? 0;
}

/** Writes of the head hint are spared: readers only start probing from it, so a lag costs them a few lookups. */
const HEAD_EVERY = 8;

/**
 * The next number this process expects to be free. Taken synchronously, so this process's writers
 * never race each other; set back after a failed write, so a number taken and not written is filled
 * by the next writer instead of leaving a gap that readers would stop at. (A gap left by a crash is
 * what readers already handle as a pruned log: they reload once the head hint passes it.)
 */
let nextSeq: number | undefined;

/**
 * Appends to the change log. The unique _id is the claim: a writer tries the number it expects to
 * be free and moves on when another process got it first, so numbers never skip and a reader can
 * stop at the first one missing.
 */
async function appendChange(summary: RequestSummaryFields): Promise<void> {
  let seq = nextSeq ?? (await retryWhileBusy(readHeadHint)) + 1;
  nextSeq = seq + 1;
  try {
    while ((await retryWhileBusy(() => insertGrouped(RequestSummaryChange.collection, [{ _id: changeId(seq), summary }])))[0] === 'duplicate') {
      seq = Math.max(seq + 1, nextSeq);
      nextSeq = seq + 1;
    }
  } catch (error) {
    nextSeq = Math.min(nextSeq ?? seq, seq);
    throw error;
  }
  if (seq % HEAD_EVERY === 0) await retryWhileBusy(() => RequestSummaryHead.replaceOne({ _id: HEAD_ID }, { seq }, { upsert: true })).catch(ignoreDuplicate);
  if (seq > CHANGE_LOG_KEEP) await retryWhileBusy(() => RequestSummaryChange.deleteOne({ _id: changeId(seq - CHANGE_LOG_KEEP) }));
}

function ignoreDuplicate(error: unknown): void {
  if (!isDuplicateKey(error)) throw error;
}

/**
 * Writes a case's summary and logs the change. Only the workflow's record activity calls this, and
 * it writes one case's states in order; the revision check keeps a delayed retry of an older write
 * from replacing a newer one. Reads and writes go by _id alone, which FerretDB looks up directly.
 * `recordWasOlder`: the case's record held an older revision before this write; since a summary
 * is written only after its record, it is older too, and the check needs no read.
 */
export async function writeRequestSummary(summary: RequestSummaryFields, recordWasOlder = false): Promise<void> {
  const current = recordWasOlder ? undefined : await retryWhileBusy(() => RequestSummaryRecord.findById(summary._id, { revision: 1 }).lean());
  if (current && current.revision >= summary.revision) return;
  await retryWhileBusy(() => writeGrouped(RequestSummaryRecord.collection, { _id: summary._id, replacement: summary, upsert: true })).catch(ignoreDuplicate);
  await appendChange(summary);
}
