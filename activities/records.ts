// Writes the workflow's state to MongoDB: the request read model and the audit trail. Both writes
// are idempotent, so an activity retry after a timeout changes nothing twice.
import { AuditEntry } from '../shared/db/audit';
import { isDuplicateKey } from '../shared/db/duplicateKey';
import { retryWhileBusy } from '../shared/db/busyRetry';
import { insertGrouped, writeGrouped } from '../shared/db/groupedWrites';
import { RequestRecord } from '../shared/db/requestRecord';
import { writeRequestSummary } from '../shared/db/requestSummary';
import type { CaseState } from '../shared/caseState';
import { ReadModelFields, readModelFields, RequestSummaryFields, requestSummaryFields } from '../shared/readModel';

export interface AuditInput {
  /** From what happened, not a counter: `${requestNumber}/${stepId}/breached`, `${requestNumber}/decision/${decisionId}`. */
  id: string;
  at: string;
  event: string;
  stepId?: string;
  sopStep?: string;
  actor?: unknown;
  details?: unknown;
}

/** Appends the entries in one write; those a retried write already stored are skipped. */
export async function appendAudit(requestNumber: string, entries: AuditInput[]): Promise<void> {
  if (!entries.length) return;
  const docs = entries.map((e) => ({ _id: e.id, requestNumber, at: new Date(e.at), event: e.event, stepId: e.stepId, sopStep: e.sopStep, actor: e.actor, details: e.details }));
  await retryWhileBusy(() => insertGrouped(AuditEntry.collection, docs));
}

/** The top-level fields as stored: dates as dates, and when the record was written. */
export function storedFields(fields: ReadModelFields): Record<string, unknown> {
  return {
    ...fields,
    submittedAt: new Date(fields.submittedAt),
    currentDeadline: fields.currentDeadline ? new Date(fields.currentDeadline) : null,
    updatedAt: new Date(),
  };
}

/** The revision a case's record holds, read by _id (the one lookup FerretDB does not scan for). */
async function storedRevision(requestNumber: string): Promise<number | undefined> {
  const record = await retryWhileBusy(() => RequestRecord.findById(requestNumber, { revision: 1 }).lean());
  return record?.revision;
}

/**
 * The revision this process last wrote or read for each case it committed lately. A case's next
 * commit nearly always comes from the same process, so its first attempt knows the record is older
 * without reading it; a retry reads, since another worker may have moved the case on meanwhile. (A
 * first attempt overtaken that way needs a worker frozen past its workflow task's timeout; the next
 * commit, or the reconciler for a closed case, writes the record right again.)
 */
const lastKnown = new Map<string, number>();
const REMEMBERED_CASES = 10_000;

function remember(requestNumber: string, revision: number): void {
  lastKnown.delete(requestNumber);
  if (lastKnown.size >= REMEMBERED_CASES) lastKnown.delete(lastKnown.keys().next().value!);
  lastKnown.set(requestNumber, revision);
}

/** What the record holds as far as this commit need know: remembered on a first attempt that follows this process's own write. */
async function revisionBefore(requestNumber: string, revision: number, firstAttempt: boolean): Promise<number | undefined> {
  const known = firstAttempt ? lastKnown.get(requestNumber) : undefined;
  return known !== undefined && known < revision ? known : storedRevision(requestNumber);
}

/**
 * Writes the whole record of a case, unless it already holds a newer revision. The same revision is
 * written again: a retry writes the same, and a run that replaced a lost one writes what it holds.
 * The guard is read first and the write filters on _id alone: a filter with a second field makes
 * FerretDB decode the whole collection, and its conditional updates are not atomic anyway.
 */
export async function writeWholeRecord(state: CaseState): Promise<void> {
  const stored = await storedRevision(state.requestNumber);
  if (stored !== undefined && stored > state.revision) return remember(state.requestNumber, stored);
  try {
    await retryWhileBusy(() => writeGrouped(RequestRecord.collection, { _id: state.requestNumber, update: { $set: { ...storedFields(readModelFields(state)), state } }, upsert: true }));
  } catch (error) {
    // A concurrent retry inserted it first: it wrote the same.
    if (!isDuplicateKey(error)) throw error;
  }
  remember(state.requestNumber, state.revision);
  await writeRequestSummary(requestSummaryFields(state), stored !== undefined && stored < state.revision);
}

/**
 * Applies a set of changes unless the record already holds this revision or a newer one, then the
 * case's summary (which has its own revision check: a retry after the record was written still
 * writes a summary the first attempt did not get to).
 */
export async function applyRecordDelta(requestNumber: string, revision: number, update: Record<string, unknown>, summary: RequestSummaryFields, firstAttempt = false): Promise<void> {
  const stored = await revisionBefore(requestNumber, revision, firstAttempt);
  if (stored === undefined || stored < revision) await retryWhileBusy(() => writeGrouped(RequestRecord.collection, { _id: requestNumber, update }));
  remember(requestNumber, Math.max(revision, stored ?? revision));
  await writeRequestSummary(summary, stored !== undefined && stored < revision);
}

/** A case's whole record and its audit entries at once: what the reconciler writes for a case it closes. */
export async function recordWholeCase(state: CaseState, audit: AuditInput[]): Promise<void> {
  await appendAudit(state.requestNumber, audit);
  await writeWholeRecord(state);
}
