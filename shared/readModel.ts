// The read model's top-level fields (shared/db/requestRecord.ts): what lists and inboxes filter and
// sort on, derived from the case's state. Plain strings, so the workflow can send them to an activity.
import { requestDomain, type CaseState, type CaseStatus, type CaseView, type StepRecord } from './caseState';

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

export interface RequestSummaryFields {
  /** The request number. */
  _id: string;
  revision: number;
  profileId: string;
  /** Absent in summaries written before procedures existed (colocation cases). */
  procedureId?: string;
  agency: string;
  applicantUnit: string;
  domain: string | null;
  status: CaseStatus;
  slaBreached: boolean;
  submittedAt: string;
  updatedAt: string;
  /** The current step without its history: what "waiting for whom, by when" needs. */
  currentStep: Pick<StepRecord, 'stepId' | 'sopStep' | 'title' | 'performer' | 'deadline' | 'pending'> | null;
}

/** The slim summary lists and inboxes answer from (shared/db/requestSummary.ts). `updatedAt` is when it is written. */
export function requestSummaryFields(state: CaseState, updatedAt = new Date().toISOString()): RequestSummaryFields {
  return summaryOfView(state, requestDomain(state.submission), updatedAt);
}

/** The same summary from a case's view (what a decision's answer carries) and the domain it is about. */
export function summaryOfView(view: CaseView, domain: string | null, updatedAt = new Date().toISOString()): RequestSummaryFields {
  const step = view.currentStep;
  return {
    _id: view.requestNumber,
    revision: view.revision,
    profileId: view.profileId,
    procedureId: view.procedureId,
    agency: view.agency,
    applicantUnit: view.applicantUnit,
    domain,
    status: view.status,
    slaBreached: view.slaBreached,
    submittedAt: view.submittedAt,
    updatedAt,
    currentStep: step ? { stepId: step.stepId, sopStep: step.sopStep, title: step.title, performer: step.performer, deadline: step.deadline, pending: step.pending } : null,
  };
}
