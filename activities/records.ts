// Writes the workflow's state to MongoDB: the request read model and the audit trail. Both writes
// are idempotent, so an activity retry after a timeout changes nothing twice.
import { AuditEntry } from '../shared/db/audit';
import { isDuplicateKey } from '../shared/db/duplicateKey';
import { RequestRecord } from '../shared/db/requestRecord';
import { requestSummaryFields, writeRequestSummary } from '../shared/db/requestSummary';
import type { CaseState } from '../shared/caseState';

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

async function appendAudit(requestNumber: string, entries: AuditInput[]): Promise<void> {
  for (const entry of entries) {
    try {
      await AuditEntry.create({ _id: entry.id, requestNumber, at: new Date(entry.at), event: entry.event, stepId: entry.stepId, sopStep: entry.sopStep, actor: entry.actor, details: entry.details });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
}

export function createRecordActivities() {
  return {
    async recordCaseState(input: { state: CaseState; audit: AuditInput[] }): Promise<void> {
      const { state } = input;
      await appendAudit(state.requestNumber, input.audit);
      const pending = state.currentStep?.pending;
      const fields = {
        revision: state.revision,
        workflowId: state.workflowId,
        profileId: state.profileId,
        agency: state.agency,
        applicantUnit: state.applicantUnit,
        status: state.status,
        slaBreached: state.slaBreached,
        submittedAt: new Date(state.submittedAt),
        updatedAt: new Date(),
        waitingForRole: state.status === 'inProgress' ? (pending?.by ?? null) : null,
        currentDeadline: state.status === 'inProgress' && state.currentStep?.deadline ? new Date(state.currentStep.deadline) : null,
        state,
      };
      try {
        // The revision guard keeps a delayed retry of an older write from replacing a newer one.
        await RequestRecord.updateOne({ _id: state.requestNumber, revision: { $lt: state.revision } }, { $set: fields }, { upsert: true });
      } catch (error) {
        // The record already holds this or a newer revision: the upsert's insert collided.
        if (!isDuplicateKey(error)) throw error;
      }
      await writeRequestSummary(requestSummaryFields(state));
    },
  };
}
