// A case as people read it: where it stands, who must act by when, each step against its mutu baku,
// and every decision in order. Built from the workflow's CaseState (read model or query).
import { requestDomain, type CaseRequest, type CaseState, type CaseStatus, type CaseView, type StepRecord } from '../../shared/caseState';
import { decisionPath, isHumanActionKind, stopPath, withdrawalPath } from '../decisionKinds';
import { RequestSummary, RequestView, StepView, WaitingForView } from './schemas';
import { isOverdue, slaStatus } from './slaStatus';

export const statusTexts: Record<CaseStatus, string> = {
  inProgress: 'Sedang diproses',
  completed: 'Selesai',
  rejected: 'Ditolak',
  withdrawn: 'Dibatalkan oleh pemohon',
  expired: 'Kedaluwarsa: tidak ditindaklanjuti pemohon',
  noCapacity: 'Ditutup: kapasitas tidak tersedia',
  cancelled: 'Dibatalkan oleh pengelola layanan',
};

const isHumanKind = isHumanActionKind;

/** What a request is about, as lists show it: the domain a colocation hosts, else the system backed up or restored (as the summaries keep it). */
export function domainOf(request: CaseRequest | undefined): string | null {
  if (!request) return null;
  return requestDomain(request);
}

export function waitingForView(requestNumber: string, step: Pick<StepRecord, 'pending' | 'deadline'> | null | undefined, nowMs: number): WaitingForView | null {
  const pending = step?.pending;
  if (!step || !pending || !isHumanKind(pending.kind)) return null;
  return {
    kind: pending.kind,
    action: pending.label,
    role: pending.by,
    roleTitle: pending.byTitle,
    deadline: step.deadline ?? null,
    overdue: isOverdue(step.deadline, nowMs),
    endpoint: { method: 'POST', href: decisionPath(requestNumber, pending.kind) },
  };
}

export function stepView(step: StepRecord, nowMs: number): StepView {
  return {
    stepId: step.stepId,
    sopStep: step.sopStep,
    title: step.title,
    performer: step.performer,
    performerTitle: step.performerTitle,
    output: step.output,
    standard: step.standard ? `${step.standard.amount} ${step.standard.unit}` : null,
    startedAt: step.startedAt,
    deadline: step.deadline ?? null,
    completedAt: step.completedAt ?? null,
    standardWorkingMinutes: step.standardWorkingMinutes ?? null,
    actualWorkingMinutes: step.actualWorkingMinutes ?? null,
    breachedAt: step.breachedAt ?? null,
    escalatedAt: step.escalatedAt ?? null,
    outcome: step.outcome ?? null,
    sla: slaStatus(step, nowMs),
  };
}

export function requestLinks(
  state: Pick<CaseView, 'requestNumber' | 'status'> & { currentStep: StepRecord | null; submission?: CaseRequest; backup?: CaseState['backup'] },
): RequestView['links'] {
  const no = state.requestNumber;
  const links: RequestView['links'] = {
    self: { method: 'GET', href: `/requests/${no}` },
    documents: { method: 'GET', href: `/requests/${no}/documents` },
  };
  const pending = state.currentStep?.pending;
  if (state.status === 'inProgress' && pending && isHumanKind(pending.kind)) links.decide = { method: 'POST', href: decisionPath(no, pending.kind) };
  if (state.status === 'inProgress') links.withdraw = { method: 'POST', href: withdrawalPath(no) };
  if (state.status === 'inProgress' && state.submission?.kind === 'backup' && !state.backup?.stopRequested) links.stop = { method: 'POST', href: stopPath(no) };
  return links;
}

export function requestView(state: CaseState, nowMs: number): RequestView {
  const current = state.currentStep;
  return {
    requestNumber: state.requestNumber,
    workflowId: state.workflowId,
    profileId: state.profileId,
    profileVersion: state.profileVersion,
    procedureId: state.procedureId,
    procedureTitle: state.procedureTitle,
    agency: state.agency,
    applicantUnit: state.applicantUnit,
    applicantEmail: state.applicantEmail,
    domain: domainOf(state.submission),
    status: state.status,
    statusText: statusTexts[state.status],
    submittedAt: state.submittedAt,
    closedAt: state.closedAt ?? null,
    closeReason: state.closeReason ?? null,
    slaBreached: state.slaBreached,
    currentStep: current ? stepView(current, nowMs) : null,
    waitingFor: state.status === 'inProgress' ? waitingForView(state.requestNumber, current, nowMs) : null,
    deadlines: { currentStep: current?.deadline ?? null, total: state.totalDeadline ?? null },
    steps: state.steps.map((s) => stepView(s, nowMs)),
    timeline: state.decisions.map((d) => ({ decisionId: d.decisionId, kind: d.kind, stepId: d.stepId, sopStep: d.sopStep, at: d.at, actor: d.actor, payload: d.payload })),
    submission: state.submission,
    capacity: state.capacity,
    installation: state.installation ?? null,
    handover: state.handover ?? null,
    backup: state.backup ?? null,
    restore: state.restore ?? null,
    revision: state.revision,
    links: requestLinks(state),
  };
}

/** What the short form needs: a CaseView has it, and so has the summary the read model keeps. */
export type SummarySource = Pick<CaseView, 'requestNumber' | 'profileId' | 'agency' | 'applicantUnit' | 'status' | 'slaBreached' | 'submittedAt'> & {
  /** Absent in summaries written before procedures existed: those were colocation cases. */
  procedureId?: string;
  currentStep: Pick<StepRecord, 'sopStep' | 'title' | 'pending' | 'deadline'> | null;
  submission?: CaseState['submission'];
  domain?: string | null;
  updatedAt?: string | null;
};

/** The short form used in lists and decision answers; works from a CaseView (no steps or decisions). */
export function requestSummary(view: SummarySource, nowMs: number): RequestSummary {
  const current = view.currentStep;
  return {
    requestNumber: view.requestNumber,
    profileId: view.profileId,
    procedureId: view.procedureId ?? 'colocation',
    agency: view.agency,
    applicantUnit: view.applicantUnit,
    domain: view.domain ?? domainOf(view.submission),
    status: view.status,
    statusText: statusTexts[view.status],
    slaBreached: view.slaBreached,
    submittedAt: view.submittedAt,
    updatedAt: view.updatedAt ?? null,
    waitingFor: view.status === 'inProgress' ? waitingForView(view.requestNumber, current, nowMs) : null,
    currentStep: current ? { sopStep: current.sopStep, title: current.title } : null,
    href: `/requests/${view.requestNumber}`,
  };
}
