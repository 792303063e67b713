// The state of one colocation case as the workflow keeps it, shown to the API (query) and written
// to MongoDB as the read model (requests collection).
import { defineQuery } from '@temporalio/workflow';
import type { CapacityProposal, ReservationView } from './capacity';
import type { ActionKind, Role, SopDuration } from './profile/schema';
import type { Submission } from './request';
import type { Actor } from './decisions';

export const caseStatuses = ['inProgress', 'completed', 'rejected', 'withdrawn', 'expired', 'noCapacity', 'cancelled'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export interface PendingAction {
  kind: ActionKind;
  label: string;
  /** The role that may record it. */
  by: Role;
  byTitle: string;
}

/** A step as it ran: its standard (mutu baku) beside what actually happened. */
export interface StepRecord {
  stepId: string;
  sopStep: string;
  title: string;
  performer: Role;
  performerTitle: string;
  output: string;
  standard?: SopDuration;
  standardWorkingMinutes?: number;
  startedAt: string;
  deadline?: string;
  completedAt?: string;
  actualWorkingMinutes?: number;
  breachedAt?: string;
  escalatedAt?: string;
  /** How the step ended, when it did not end normally (e.g. "mismatch", "withdrawn"). */
  outcome?: string;
  pending?: PendingAction;
}

export interface DecisionRecord {
  decisionId: string;
  kind: ActionKind | 'withdraw';
  stepId: string;
  sopStep: string;
  actor: Actor;
  at: string;
  payload: unknown;
}

export interface CaseView {
  requestNumber: string;
  workflowId: string;
  profileId: string;
  profileVersion: number;
  agency: string;
  applicantUnit: string;
  applicantEmail: string;
  status: CaseStatus;
  currentStep: StepRecord | null;
  slaBreached: boolean;
  submittedAt: string;
  totalDeadline?: string;
  closedAt?: string;
  closeReason?: string;
  revision: number;
}

export interface CaseState extends CaseView {
  submission: Submission;
  steps: StepRecord[];
  decisions: DecisionRecord[];
  capacity: {
    outcome?: 'available' | 'unavailable';
    proposal?: CapacityProposal;
    placement?: { rackId: string; startUnit: number; ipAddress?: string };
    reservation?: ReservationView;
  };
  approvalForm?: unknown;
  installation?: { ipAddress: string; monitoringId: string; rackId: string; startUnit: number; units: number; at: string };
  handover?: { bastNumber: string; at: string };
}

export const caseStateQuery = defineQuery<CaseState>('caseState');

export function caseView(state: CaseState): CaseView {
  const { submission: _s, steps: _st, decisions: _d, capacity: _c, approvalForm: _a, installation: _i, handover: _h, ...view } = state;
  return view;
}
