// The state of one case as the workflow keeps it, shown to the API (query) and written to MongoDB
// as the read model (requests collection). The same shape for every procedure: the facts a
// procedure does not use stay absent.
import type { CapacityProposal, ReservationView } from './capacity';
import type { CaseRequestV2 } from './contracts/sopCaseInput.v2';
import type { Answer } from './profile/actions';
import type { ActionKind, Role, SopDuration } from './profile/schema';
import type { Actor, ApprovalForm } from './decisions';

export const caseStatuses = ['inProgress', 'completed', 'rejected', 'withdrawn', 'expired', 'noCapacity', 'cancelled'] as const;
export type CaseStatus = (typeof caseStatuses)[number];
export type CaseRequest = CaseRequestV2;

export interface PendingAction {
  kind: ActionKind;
  label: string;
  /** The role that may record it. */
  by: Role;
  byTitle: string;
}

/** A row as it ran: its standard (mutu baku) beside what actually happened. */
export interface StepRecord {
  /** The SOP row number; a row that runs again (a loop, a redelivery) gets a new record. */
  sopStep: string;
  /** `${row}#${occurrence}`: unique within the case, stable across replays. */
  stepId: string;
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
  /** The decision row's answer ("ya"/"tidak"), or how the row ended when not normally. */
  outcome?: string;
  pending?: PendingAction;
}

export interface DecisionRecord {
  decisionId: string;
  kind: ActionKind | 'withdraw' | 'requestStop';
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
  procedureId: string;
  procedureTitle: string;
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

export interface BackupRun {
  at: string;
  files: string;
  storedAt: string;
  sizeMb?: number;
}

export interface CaseState extends CaseView {
  submission: CaseRequest;
  steps: StepRecord[];
  decisions: DecisionRecord[];
  /** Steps and decisions of earlier runs (Continue-As-New) not kept in the lists above. */
  archived?: { steps: number; decisions: number };
  capacity: {
    outcome?: 'available' | 'unavailable';
    power?: 'available' | 'unavailable';
    proposal?: CapacityProposal;
    reservation?: ReservationView;
  };
  /** Form persetujuan, as the approval recorded it. */
  approvalForm?: ApprovalForm;
  installation?: { ipAddress: string; monitoringId: string; rackId: string; startUnit: number; units: number; at: string };
  handover?: { bastNumber: string; at: string };
  assets?: { ids: string[]; at: string };
  backup?: {
    plan?: { scope: string; schedule: { every: number; unit: 'hari' | 'minggu' | 'bulan' } };
    runs: number;
    lastRuns: BackupRun[];
    nextRunAt?: string;
    stopRequested?: { at: string; letterNumber: string; reason: string };
    stoppedAt?: string;
  };
  restore?: { runs: { at: string; restoredFrom: string }[] };
  /** A withdrawal (pencabutan): what the removal gave back, once. */
  removal?: { at: string; removedBy: string; released: { rackId?: string; units?: string; ipAddress?: string }; assetIds: string[] };
  /** Working minutes the case waited on the applicant: not counted against the agency's total standard. */
  applicantWaitMinutes: number;
  /** The answers of decision rows, by row number: the latest one. */
  answers: Record<string, Answer>;
}

export function caseView(state: CaseState): CaseView {
  const { submission: _s, steps: _st, decisions: _d, capacity: _c, approvalForm: _a, installation: _i, handover: _h, assets: _as, backup: _b, restore: _r, removal: _rm, applicantWaitMinutes: _w, answers: _an, archived: _ar, ...view } = state;
  return view;
}

/** The applicant's unit, whatever the request kind. */
export function requestUnit(request: CaseRequest): string {
  return request.kind === 'colocation' ? request.form.unitName : request.unitName;
}

/** What a request is about: the domain a colocation hosts or a withdrawal takes out, else the system backed up or restored. */
export function requestDomain(request: CaseRequest): string {
  return request.kind === 'colocation' ? request.form.domain : request.kind === 'withdrawal' ? request.domain : request.system;
}

/** A case as it opens: nothing done yet. The workflow starts from it; the reconciler rebuilds a case that never wrote one. */
export function openingState(o: {
  requestNumber: string;
  workflowId: string;
  profile: { id: string; version: number; agency: string };
  procedure: { id: string; title: string };
  request: CaseRequest;
  submittedAt: string;
  totalDeadline?: string;
}): CaseState {
  return {
    requestNumber: o.requestNumber,
    workflowId: o.workflowId,
    profileId: o.profile.id,
    profileVersion: o.profile.version,
    procedureId: o.procedure.id,
    procedureTitle: o.procedure.title,
    agency: o.profile.agency,
    applicantUnit: requestUnit(o.request),
    applicantEmail: o.request.applicantEmail,
    status: 'inProgress',
    currentStep: null,
    slaBreached: false,
    submittedAt: o.submittedAt,
    totalDeadline: o.totalDeadline,
    revision: 0,
    submission: o.request,
    steps: [],
    decisions: [],
    capacity: {},
    applicantWaitMinutes: 0,
    answers: {},
  };
}

/** A back up service's record, begun by whichever of its plan, run or stop letter comes first. */
export function backupOf(state: CaseState): NonNullable<CaseState['backup']> {
  return (state.backup ??= { runs: 0, lastRuns: [] });
}
