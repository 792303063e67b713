// The read model's top-level fields (shared/db/requestRecord.ts): what lists and inboxes filter and
// sort on, derived from the case's state. Plain strings, so the workflow can send them to an activity.
import type { CaseState } from './caseState';

export interface ReadModelFields {
  revision: number;
  workflowId: string;
  profileId: string;
  agency: string;
  applicantUnit: string;
  status: CaseState['status'];
  slaBreached: boolean;
  submittedAt: string;
  /** Role that must act now, and by when; null once the case is closed. */
  waitingForRole: string | null;
  currentDeadline: string | null;
}

export function readModelFields(state: CaseState): ReadModelFields {
  const open = state.status === 'inProgress';
  return {
    revision: state.revision,
    workflowId: state.workflowId,
    profileId: state.profileId,
    agency: state.agency,
    applicantUnit: state.applicantUnit,
    status: state.status,
    slaBreached: state.slaBreached,
    submittedAt: state.submittedAt,
    waitingForRole: open ? (state.currentStep?.pending?.by ?? null) : null,
    currentDeadline: open ? (state.currentStep?.deadline ?? null) : null,
  };
}
