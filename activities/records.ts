// Writes the workflow's state to MongoDB: the request read model and the audit trail. Both writes
// are idempotent, so an activity retry after a timeout changes nothing twice.
import { AuditEntry } from '../shared/db/audit';
import { isDuplicateKey } from '../shared/db/duplicateKey';
import { RequestRecord } from '../shared/db/requestRecord';
import type { CaseState } from '../shared/caseState';
import { ReadModelFields, readModelFields } from '../shared/readModel';

export interface AuditInput {
  /** Deterministic, from the workflow: `${requestNumber}#${sequence}`. */
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
  try {
    await AuditEntry.insertMany(docs, { ordered: false });
  } catch (error) {
    const writeErrors = (error as { writeErrors?: unknown[] }).writeErrors;
    if (!(writeErrors ? writeErrors.every(isDuplicateKey) : isDuplicateKey(error))) throw error;
  }
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

/**
 * Writes the whole record of a case, unless it already holds a newer revision. The same revision is
 * written again: a retry writes the same, and a run that replaced a lost one writes what it holds.
 */
export async function writeWholeRecord(state: CaseState): Promise<void> {
  try {
    // The revision guard keeps a delayed retry of an older write from replacing a newer one.
    await RequestRecord.updateOne({ _id: state.requestNumber, revision: { $lte: state.revision } }, { $set: { ...storedFields(readModelFields(state)), state } }, { upsert: true });
  } catch (error) {
    // The record already holds this or a newer revision: the upsert's insert collided.
    if (!isDuplicateKey(error)) throw error;
  }
}

export function createRecordActivities() {
  return {
    /** Cases started before the lean path (see commit.ts) write their whole state at every save. */
    async recordCaseState(input: { state: CaseState; audit: AuditInput[] }): Promise<void> {
      await appendAudit(input.state.requestNumber, input.audit);
      await writeWholeRecord(input.state);
    },
  };
}
